package threesixty

import (
	"slices"
	"sort"
)

// MinObservers is the fewest observers behind any mean that is shown.
const MinObservers = 3

// Relationship is how an observer knows the learner.
type Relationship string

// The relationships an observer can have, and Others, the merged group.
const (
	Peer         Relationship = "peer"
	Manager      Relationship = "manager"
	DirectReport Relationship = "direct_report"
	Client       Relationship = "client"
	// Others is the group that relationship groups too small to show are merged into.
	Others Relationship = "others"
)

// Relationships lists the relationships an invitation can name, in display order.
func Relationships() []Relationship {
	return []Relationship{Peer, Manager, DirectReport, Client}
}

// Valid reports whether r can be named in an invitation (Others cannot).
func (r Relationship) Valid() bool { return slices.Contains(Relationships(), r) }

// Rating is one observer's 0–100 score on one dimension: an input of Summarise, never a
// result.
type Rating struct {
	Relationship Relationship
	Score        float64
}

// GroupMean is the mean score of the observers of one relationship group (or of Others).
type GroupMean struct {
	Relationship Relationship `json:"relationship"`
	N            int          `json:"n"`
	Mean         float64      `json:"mean"`
}

// Summary is what may be shown of one dimension's ratings: the number of ratings, their
// mean (nil with fewer than MinObservers) and the groups that may be shown on their own.
type Summary struct {
	N      int         `json:"n"`
	Mean   *float64    `json:"mean"`
	Groups []GroupMean `json:"groups"`
}

// Summarise applies the anonymity rules to one dimension's ratings.
func Summarise(ratings []Rating) Summary {
	s := Summary{N: len(ratings)}
	if s.N < MinObservers {
		return s
	}
	counts := map[Relationship]int{}
	sums := map[Relationship]float64{}
	var total float64
	for _, r := range ratings {
		counts[r.Relationship]++
		sums[r.Relationship] += r.Score
		total += r.Score
	}
	mean := total / float64(s.N)
	s.Mean = &mean
	named, merged := Merge(counts)
	for _, rel := range named {
		s.Groups = append(s.Groups, GroupMean{Relationship: rel, N: counts[rel], Mean: sums[rel] / float64(counts[rel])})
	}
	if len(named) > 0 && len(merged) > 0 {
		g := GroupMean{Relationship: Others}
		var sum float64
		for _, rel := range merged {
			g.N += counts[rel]
			sum += sums[rel]
		}
		g.Mean = sum / float64(g.N)
		s.Groups = append(s.Groups, g)
	}
	return s
}

// Merge decides which relationship groups are shown on their own (named, in display order)
// and which are merged into Others (merged), given the number of observers in each. See
// the package documentation for the rule.
func Merge(counts map[Relationship]int) (named, merged []Relationship) {
	others := 0
	for _, rel := range knownFirst(counts) {
		switch n := counts[rel]; {
		case n <= 0:
		case n >= MinObservers && rel != Others:
			named = append(named, rel)
		default:
			merged = append(merged, rel)
			others += n
		}
	}
	for others > 0 && others < MinObservers && len(named) > 0 {
		// Merge the smallest shown group (the last one on ties).
		smallest := len(named) - 1
		for i := len(named) - 2; i >= 0; i-- {
			if counts[named[i]] < counts[named[smallest]] {
				smallest = i
			}
		}
		others += counts[named[smallest]]
		merged = append(merged, named[smallest])
		named = slices.Delete(named, smallest, smallest+1)
	}
	if len(named) == 0 {
		named = nil
	}
	return named, merged
}

// knownFirst lists the relationships of counts: the known ones in display order, then any
// others by name.
func knownFirst(counts map[Relationship]int) []Relationship {
	out := Relationships()
	var extra []Relationship
	for rel := range counts {
		if !rel.Valid() {
			extra = append(extra, rel)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i] < extra[j] })
	return append(out, extra...)
}

// MeanOf returns the mean of scores, or nil when there are fewer than MinObservers.
func MeanOf(scores []float64) *float64 {
	if len(scores) < MinObservers {
		return nil
	}
	var sum float64
	for _, s := range scores {
		sum += s
	}
	m := sum / float64(len(scores))
	return &m
}
