package rapport

// LeaderInput is what a coach gives to create a leader.
type LeaderInput struct {
	Name         string `json:"name"`
	Email        string `json:"email"`
	Title        string `json:"title"`
	Organization string `json:"organization"`
	// Pronoun is she, he, they or name; empty means name.
	Pronoun Pronoun `json:"pronoun"`
}

// Validate trims and checks a leader's fields, reporting every fault.
func (in *LeaderInput) Validate() error {
	var v Faults
	var err error
	in.Name, err = CleanName("name", "the leader's name", in.Name, true, 200)
	v.Add(err)
	in.Email, err = NormalizeEmail("email", "the leader's", in.Email)
	v.Add(err)
	in.Title, err = CleanName("title", "the leader's job title", in.Title, false, 200)
	v.Add(err)
	in.Organization, err = CleanName("organization", "the organization", in.Organization, false, 200)
	v.Add(err)
	in.Pronoun, err = ParsePronoun(string(in.Pronoun))
	v.Add(err)
	return v.Err()
}

// RaterInput is what a coach gives to add a rater.
type RaterInput struct {
	Name         string       `json:"name"`
	Email        string       `json:"email"`
	Relationship Relationship `json:"relationship"`
}

// Validate trims and checks a rater's fields, reporting every fault.
func (in *RaterInput) Validate() error {
	var v Faults
	var err error
	in.Name, err = CleanName("name", "the rater's name", in.Name, true, 200)
	v.Add(err)
	in.Email, err = NormalizeEmail("email", "the rater's", in.Email)
	v.Add(err)
	if !in.Relationship.Valid() {
		v.Add(FieldError("relationship", "%s", relationshipHelp(in.Relationship)))
	}
	return v.Err()
}

// CheckCoach trims and checks a new coach's email and name, reporting
// every fault; a form adds the password's own faults to them.
func CheckCoach(email, name string) (string, string, error) {
	var v Faults
	var err error
	name, err = CleanName("name", "the coach's name", name, true, 200)
	v.Add(err)
	email, err = NormalizeEmail("email", "the coach's", email)
	v.Add(err)
	return email, name, v.Err()
}
