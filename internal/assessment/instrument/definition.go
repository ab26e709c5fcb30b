package instrument

// Audience says who answers an instrument.
type Audience string

// The audiences.
const (
	// AudienceSelf: the learner rates themself.
	AudienceSelf Audience = "self"
	// AudienceObserver: a colleague, manager or coach rates the learner (360 feedback).
	AudienceObserver Audience = "observer"
)

// ItemType says how an item is answered and scored.
type ItemType string

// The item types.
const (
	// Likert items are answered with a point of the instrument's scale.
	Likert ItemType = "likert"
	// SJT (situational judgement) items are answered by choosing one of their options; the
	// option's weight is the item's score.
	SJT ItemType = "sjt"
)

// MaxWeight is the largest weight of an SJT option; weights run from 0 to MaxWeight.
const MaxWeight = 3

// Text is a text in every language of the instrument, keyed by language code.
type Text map[string]string

// In returns the text in lang, or in the first of fallbacks that it has, or "".
func (t Text) In(lang string, fallbacks ...string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	for _, l := range fallbacks {
		if s, ok := t[l]; ok {
			return s
		}
	}
	return ""
}

// Definition is a parsed, valid instrument.
type Definition struct {
	// ID is the instrument's stable key (a slug); Version increases when its content changes.
	ID        string   `json:"id"`
	Version   int      `json:"version"`
	Languages []string `json:"languages"`
	Audience  Audience `json:"audience"`
	Title     Text     `json:"title"`
	Intro     Text     `json:"intro,omitempty"`
	Scale     Scale    `json:"scale"`
	// Dimensions and Items keep the order of the file.
	Dimensions []Dimension `json:"dimensions"`
	Items      []Item      `json:"items"`
}

// Scale is the Likert answer scale: the integers Min..Max, with one label per point and
// language.
type Scale struct {
	Min    int                 `json:"min"`
	Max    int                 `json:"max"`
	Labels map[string][]string `json:"labels"`
}

// Points is the number of answer options on the scale.
func (s Scale) Points() int { return s.Max - s.Min + 1 }

// Dimension is one scored facet of the competency.
type Dimension struct {
	Slug        string `json:"slug"`
	Name        Text   `json:"name"`
	Description Text   `json:"description,omitempty"`
	// Bands are ascending by Min; the first starts at 0.
	Bands []Band `json:"bands"`
	// Actions are concrete things to do that the platform can suggest.
	Actions []Text `json:"actions,omitempty"`
	line    int
}

// Band is a range of the 0–100 dimension score, from Min up to the next band's Min.
type Band struct {
	Min      float64 `json:"min"`
	Label    Text    `json:"label"`
	Feedback Text    `json:"feedback,omitempty"`
}

// Item is one question.
type Item struct {
	ID        string   `json:"id"`
	Dimension string   `json:"dimension"`
	Type      ItemType `json:"type"`
	Text      Text     `json:"text"`
	// Reverse marks a reverse-keyed Likert item, scored as min + max − answer.
	Reverse bool `json:"reverse,omitempty"`
	// Options are the choices of an SJT item (none for Likert items).
	Options []Option `json:"options,omitempty"`
	line    int
}

// Option is one choice of an SJT item; Weight (0–MaxWeight) is how well it shows the
// dimension, the expert key.
type Option struct {
	Text   Text `json:"text"`
	Weight int  `json:"weight"`
}

// Dimension returns the dimension with the given slug.
func (d *Definition) Dimension(slug string) (Dimension, bool) {
	for _, dim := range d.Dimensions {
		if dim.Slug == slug {
			return dim, true
		}
	}
	return Dimension{}, false
}

// Item returns the item with the given id.
func (d *Definition) Item(id string) (Item, bool) {
	for _, it := range d.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// ItemsOf returns the items of a dimension, in file order.
func (d *Definition) ItemsOf(slug string) []Item {
	var out []Item
	for _, it := range d.Items {
		if it.Dimension == slug {
			out = append(out, it)
		}
	}
	return out
}
