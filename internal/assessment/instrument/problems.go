package instrument

import (
	"fmt"
	"slices"
	"strings"

	"github.com/academy-platform/academy/internal/errs"
)

// Problem is one thing wrong with a file: file:line, a code (the Code… constants) and a
// reason for authors.
type Problem = errs.Problem

// Error lists every problem found; nothing was loaded. It unwraps to *errs.ValidationError.
type Error = errs.FileError

// Problem codes.
const (
	CodeSyntax          = "syntax"
	CodeUnknownKey      = "unknown_key"
	CodeDuplicateKey    = "duplicate_key"
	CodeRequired        = "required"
	CodeType            = "type"
	CodeInvalid         = "invalid"
	CodeLanguage        = "language"
	CodeDuplicateItem   = "duplicate_item"
	CodeDuplicateDim    = "duplicate_dimension"
	CodeUnknownDim      = "unknown_dimension"
	CodeBands           = "bands"
	CodeScaleLabels     = "scale_labels"
	CodeOptions         = "options"
	CodeWeight          = "weight"
	CodeEmptyDimension  = "empty_dimension"
	CodeContentRule     = "content_rule"
	CodeReservedItemID  = "reserved_item_id"
	CodeReverseSJT      = "reverse_sjt"
	CodeOptionsOnLikert = "options_on_likert"
)

// problems collects the problems of one file.
type problems struct {
	file string
	list []Problem
}

func (p *problems) add(line int, code, format string, args ...any) {
	p.list = append(p.list, Problem{File: p.file, Line: line, Code: code, Reason: fmt.Sprintf(format, args...)})
}

// err returns the problems in line order, or nil.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	slices.SortStableFunc(p.list, func(a, b Problem) int { return a.Line - b.Line })
	return &Error{Subject: "instrument", Problems: p.list}
}

// suggest returns a "did you mean" hint for an unknown key that is a small edit away from
// a known one, or "".
func suggest(key string, known []string) string {
	best, bestDist := "", max(2, len(key)/3+1)
	for _, k := range known {
		if d := editDistance(strings.ToLower(key), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
