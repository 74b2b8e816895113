package store

// CachedLinks is how many links the write-link cache holds, for tests.
func (s *Store) CachedLinks() int {
	s.links.mu.Lock()
	defer s.links.mu.Unlock()
	return len(s.links.frameworks)
}
