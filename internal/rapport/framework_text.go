package rapport

// texts lists every free text of a framework, for the text rule (see
// ValidUTF8) to be applied to all of them in one pass.
func (f *Framework) texts() []*string {
	list := []*string{&f.Name, &f.Description}
	for i := range f.Scale.Labels {
		list = append(list, &f.Scale.Labels[i])
	}
	for i := range f.Competencies {
		c := &f.Competencies[i]
		list = append(list, &c.Name, &c.Description)
		for j := range c.Items {
			list = append(list, &c.Items[j].TextSelf, &c.Items[j].TextOther)
		}
	}
	for i := range f.OpenQuestions {
		list = append(list, &f.OpenQuestions[i].Text)
	}
	return list
}

// cleanTexts applies CleanText to every text of the framework, so one
// edited on a page stores what the same bytes sent as JSON store, and
// none holds a bidi control.
func (f *Framework) cleanTexts() {
	for _, p := range f.texts() {
		*p = CleanText(*p)
	}
}
