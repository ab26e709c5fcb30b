package instrument

// Content rules for Academy's built-in instruments (shared/COMPETENCY-MODEL.md).
const (
	// SelfMinLikert is the least number of Likert items per dimension of a self-assessment.
	SelfMinLikert = 6
	// SelfMinReverse is the least number of reverse-keyed Likert items among them.
	SelfMinReverse = 2
	// SelfMinSJT is the least number of situational-judgement items per dimension.
	SelfMinSJT = 1
	// SJTOptions is the number of options of a built-in SJT item.
	SJTOptions = 4
	// ObserverMinItems is the least number of items per dimension of an observer form.
	ObserverMinItems = 3
)

// ContentRules checks the rules that Academy's own instruments follow beyond what Parse
// requires of every instrument: for the self form, at least SelfMinLikert Likert items per
// dimension of which SelfMinReverse are reverse-keyed, at least SelfMinSJT SJT item, and
// SJTOptions options per SJT item; for the observer form, at least ObserverMinItems items
// per dimension. It returns nil or an *Error; fileName is used in the report.
func ContentRules(d *Definition, fileName string) error {
	p := &problems{file: fileName}
	for _, dim := range d.Dimensions {
		var likert, reverse, sjt int
		for _, it := range d.ItemsOf(dim.Slug) {
			switch it.Type {
			case Likert:
				likert++
				if it.Reverse {
					reverse++
				}
			case SJT:
				sjt++
				if d.Audience == AudienceSelf && len(it.Options) != SJTOptions {
					p.add(it.line, CodeContentRule, "item %s: a built-in SJT item has %d options, it has %d", it.ID, SJTOptions, len(it.Options))
				}
			}
		}
		switch d.Audience {
		case AudienceSelf:
			if likert < SelfMinLikert {
				p.add(dim.line, CodeContentRule, "dimension %q: %d Likert items, the self form needs at least %d", dim.Slug, likert, SelfMinLikert)
			}
			if reverse < SelfMinReverse {
				p.add(dim.line, CodeContentRule, "dimension %q: %d reverse-keyed items, the self form needs at least %d", dim.Slug, reverse, SelfMinReverse)
			}
			if sjt < SelfMinSJT {
				p.add(dim.line, CodeContentRule, "dimension %q: %d SJT items, the self form needs at least %d", dim.Slug, sjt, SelfMinSJT)
			}
		case AudienceObserver:
			if likert+sjt < ObserverMinItems {
				p.add(dim.line, CodeContentRule, "dimension %q: %d items, the observer form needs at least %d", dim.Slug, likert+sjt, ObserverMinItems)
			}
		}
	}
	return p.err()
}
