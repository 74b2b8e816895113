package rapport

import "strings"

// Faults collects what is wrong with a submitted input, field by field, so
// that a form can point out every fault at once rather than one per try.
// The zero value is ready to use.
type Faults struct {
	list []FieldFault
}

// Add records the faults of err (nil adds nothing). A field keeps its
// first fault: a field that could not even be read is not also told it
// is missing.
func (f *Faults) Add(err error) {
	if err == nil {
		return
	}
	found := ErrorFaults(err)
	if len(found) == 0 {
		found = []FieldFault{{Message: ErrorMessage(err)}}
	}
	for _, ff := range found {
		if !f.Has(ff.Field) {
			f.list = append(f.list, ff)
		}
	}
}

// Has reports whether a field already has a fault.
func (f *Faults) Has(field string) bool {
	for _, ff := range f.list {
		if ff.Field == field {
			return true
		}
	}
	return false
}

// Err is nil when nothing was wrong, or an invalid-input error naming the
// first fault and holding all of them.
func (f *Faults) Err() error {
	if len(f.list) == 0 {
		return nil
	}
	first := f.list[0]
	return &Error{Code: EINVALID, Field: first.Field, Message: first.Message, Faults: f.list}
}

// Sentence writes the faults as one text, for places with room for a
// single message (a CSV line, an imported file).
func (f *Faults) Sentence() string {
	msgs := make([]string, len(f.list))
	for i, ff := range f.list {
		msgs[i] = ff.Message
	}
	return strings.Join(msgs, " ")
}
