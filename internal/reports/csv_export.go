package reports

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/csvsafe"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// The CSV exports (ScoresCSV, ProgressCSV, ActionsCSV) are RFC 4180 files in UTF-8:
// comma-separated, CRLF line ends, fields quoted where needed. The header row is in the
// reader's language; the data is written for spreadsheets and scripts in any language:
// numbers with a decimal point, dates as 2026-03-05. Every text that people typed or
// uploaded (names, e-mail addresses, cohort names, instrument and module content) is
// neutralised against formula injection (package csvsafe). Each export reads its data in
// a fixed number of queries, whatever the number of learners. Authorisation is the
// caller's: the reader must coach the cohort, or administer the organisation.

// Scope is what a CSV export covers: an organisation, or one of its cohorts.
type Scope struct {
	OrganisationID string
	// CohortID "" means the whole organisation.
	CohortID string
}

// scopeLearners are the learners of a scope, by name, each with the names of their
// cohorts in the organisation.
type scopeLearners struct {
	orgID    string
	learners []identity.User
	cohorts  map[string][]string // user id → cohort names, by name
}

// learnersIn reads the learners of the scope. errs.ErrNotFound when the organisation does
// not exist or the cohort is not one of its cohorts.
func (s Sources) learnersIn(ctx context.Context, sc Scope) (scopeLearners, error) {
	org, err := s.People.Organisation(ctx, sc.OrganisationID)
	if err != nil {
		return scopeLearners{}, err
	}
	var people []identity.User
	if sc.CohortID != "" {
		c, err := s.People.Cohort(ctx, sc.CohortID)
		if err != nil {
			return scopeLearners{}, err
		}
		if c.OrganisationID != org.ID {
			return scopeLearners{}, fmt.Errorf("cohort %s of organisation %s: %w", c.ID, org.ID, errs.ErrNotFound)
		}
		people, err = s.People.CohortMembers(ctx, c.ID)
		if err != nil {
			return scopeLearners{}, err
		}
	} else if people, err = s.People.UsersInOrganisation(ctx, org.ID); err != nil {
		return scopeLearners{}, err
	}
	cohorts, err := s.People.Cohorts(ctx, identity.CohortFilter{OrganisationID: org.ID})
	if err != nil {
		return scopeLearners{}, err
	}
	ids := make([]string, len(cohorts))
	for i, c := range cohorts {
		ids[i] = c.ID
	}
	members, err := s.People.MemberIDsOf(ctx, ids)
	if err != nil {
		return scopeLearners{}, err
	}
	out := scopeLearners{orgID: org.ID, learners: learnersOnly(people), cohorts: map[string][]string{}}
	for _, c := range cohorts {
		for _, id := range members[c.ID] {
			out.cohorts[id] = append(out.cohorts[id], c.Name)
		}
	}
	return out, nil
}

// person is the first three cells of every export's rows: name, e-mail and cohorts.
func (sl scopeLearners) person(u identity.User) []string {
	return []string{csvsafe.Text(u.Name), csvsafe.Text(u.Email), csvsafe.Text(strings.Join(sl.cohorts[u.ID], "; "))}
}

// csvExport writes one export: its messages in the reader's language and the CSV writer.
type csvExport struct {
	lang string
	msg  *messages
	w    *csv.Writer
}

// newCSVExport checks the language and prepares the writer.
func newCSVExport(w io.Writer, lang string) (*csvExport, error) {
	lang, err := checkLang(lang)
	if err != nil {
		return nil, err
	}
	cat, err := loadCatalog()
	if err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &csvExport{lang: lang, msg: &messages{table: cat[lang]}, w: cw}, nil
}

// header writes the header row: the person columns, then cols (texts resolved with
// e.msg).
func (e *csvExport) header(cols ...string) error {
	row := append([]string{e.msg.T("csv.learner"), e.msg.T("csv.email"), e.msg.T("csv.cohorts")}, cols...)
	if err := e.msg.err(); err != nil {
		return err
	}
	return e.w.Write(row)
}

// finish flushes the writer.
func (e *csvExport) finish() error {
	e.w.Flush()
	return e.w.Error()
}

// texts resolves message keys.
func (e *csvExport) texts(keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = e.msg.T(k)
	}
	return out
}

// csvNum writes a number with a decimal point and the given decimals.
func csvNum(v float64, decimals int) string { return strconv.FormatFloat(v, 'f', decimals, 64) }

// csvDate writes a day as 2026-03-05, or "" for nil.
func csvDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
