package scoring

import (
	"fmt"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/errs"
)

// Answer is a response to one item: Value, a point of the Likert scale, for a Likert item;
// Option, the 0-based index of the chosen option, for an SJT item. Exactly one is set.
type Answer struct {
	Value  *int
	Option *int
}

// Codes of the validation errors that Check returns, with the field they concern.
const (
	CodeUnknownItem = "unknown_item" // field "item"
	CodeOneOf       = "one_of"       // field "answer": give a value or an option, not both or neither
	CodeNotForType  = "not_for_type" // field "value" or "option": wrong kind for the item type
	CodeOutOfRange  = "out_of_range" // field "value" or "option"; Param "min..max"
)

// Check validates an answer to an item of def and returns the item. The error is an
// *errs.ValidationError naming the field ("item", "answer", "value" or "option") and a
// code above.
func Check(def *instrument.Definition, itemID string, a Answer) (instrument.Item, error) {
	it, ok := def.Item(itemID)
	if !ok {
		return it, errs.Invalid("item", CodeUnknownItem, itemID)
	}
	return it, CheckItem(def.Scale, it, a)
}

// CheckItem validates an answer to it on the scale sc.
func CheckItem(sc instrument.Scale, it instrument.Item, a Answer) error {
	if (a.Value == nil) == (a.Option == nil) {
		return errs.Invalid("answer", CodeOneOf, "value,option")
	}
	switch it.Type {
	case instrument.SJT:
		if a.Value != nil {
			return errs.Invalid("value", CodeNotForType, string(it.Type))
		}
		if *a.Option < 0 || *a.Option >= len(it.Options) {
			return errs.Invalid("option", CodeOutOfRange, fmt.Sprintf("0..%d", len(it.Options)-1))
		}
	default:
		if a.Option != nil {
			return errs.Invalid("option", CodeNotForType, string(it.Type))
		}
		if *a.Value < sc.Min || *a.Value > sc.Max {
			return errs.Invalid("value", CodeOutOfRange, fmt.Sprintf("%d..%d", sc.Min, sc.Max))
		}
	}
	return nil
}

// thirds is the item score above the scale minimum, in thirds of a scale point: an integer
// for every item type. The answer must have passed CheckItem.
func thirds(sc instrument.Scale, it instrument.Item, a Answer) int {
	switch {
	case it.Type == instrument.SJT:
		// w/MaxWeight · (max − min) points are w · (max − min) thirds, since MaxWeight is 3.
		return it.Options[*a.Option].Weight * (sc.Max - sc.Min) * 3 / instrument.MaxWeight
	case it.Reverse:
		return 3 * (sc.Max - *a.Value)
	default:
		return 3 * (*a.Value - sc.Min)
	}
}

// ItemScore returns the score of a valid answer to it on the scale sc: the Likert answer,
// min + max − answer for a reverse-keyed item, or the SJT option weight rescaled to
// min + w/3 · (max − min).
func ItemScore(sc instrument.Scale, it instrument.Item, a Answer) (float64, error) {
	if err := CheckItem(sc, it, a); err != nil {
		return 0, err
	}
	return float64(sc.Min) + float64(thirds(sc, it, a))/3, nil
}
