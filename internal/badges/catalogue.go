package badges

// Text is a text in every language Academy speaks, keyed by language ("es", "en").
type Text map[string]string

// In returns the text in lang, else in Spanish, else any.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t["es"]; s != "" {
		return s
	}
	for _, s := range t {
		return s
	}
	return ""
}

// Achievement is what completing a module means, as a credential states it.
type Achievement struct {
	// Slug is the module's slug.
	Slug        string
	Name        Text
	Description Text
	// Criteria says how the badge is earned.
	Criteria Text
	// Dimensions are the competency-model dimensions the module develops.
	Dimensions []Dimension
}

// Dimension is one dimension of the competency model, an alignment target.
type Dimension struct {
	Slug        string
	Name        Text
	Description Text
}

// Catalogue is every achievement a badge can be for, and the texts badges share.
type Catalogue struct {
	// Achievements by module slug.
	Achievements map[string]Achievement
	// Framework names the competency model the alignments point into.
	Framework Text
	// Criteria is the criteria of a module the catalogue does not describe (content seeded
	// by a newer instance).
	Criteria Text
	// Dimensions is the whole competency model, in order, for its public page.
	Dimensions []Dimension
}

// UseCatalogue sets what the Store knows about modules. The application builds it from the
// course content and the competency model once the content is loaded.
func (s *Store) UseCatalogue(c Catalogue) { s.catalogue.Store(&c) }

// Catalogue returns what the Store knows about modules.
func (s *Store) Catalogue() Catalogue {
	if c := s.catalogue.Load(); c != nil {
		return *c
	}
	return Catalogue{}
}

// achievement describes the module of a completion event: from the catalogue, or, for a
// module it does not know, from the event alone.
func (s *Store) achievement(slug string, name Text) Achievement {
	c := s.Catalogue()
	if a, ok := c.Achievements[slug]; ok {
		return a
	}
	a := Achievement{Slug: slug, Name: name, Description: name, Criteria: c.Criteria}
	if len(a.Criteria) == 0 {
		a.Criteria = name
	}
	return a
}
