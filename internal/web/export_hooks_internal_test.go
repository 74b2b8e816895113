package web

// TakeExportSlotsForTest takes every export slot, as exports under way
// would, and returns the function that gives them back.
func (s *Server) TakeExportSlotsForTest() (release func()) {
	for range maxExports {
		s.exportSlots <- struct{}{}
	}
	return func() {
		for range maxExports {
			<-s.exportSlots
		}
	}
}
