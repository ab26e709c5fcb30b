package identity

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/errs"
)

// Limits on a people import.
const (
	MaxImportBytes = 2 << 20
	MaxImportRows  = 5000
)

// ErrImportInvalid is returned (wrapped) when any row of an import is invalid; the
// ImportReport says which and why, and nothing was stored.
var ErrImportInvalid = errors.New("the file has invalid rows; nothing was imported")

// ImportRow is one line of a people import and what became of it.
type ImportRow struct {
	Line     int
	Email    string
	Name     string
	Role     Role
	Cohort   string
	Problems []errs.FieldError
	// Outcome is "invited" for a new person, "existing" for a person already in the
	// organisation who was added to the cohort.
	Outcome string
	UserID  string
	Token   string // invitation secret for new people
}

// ImportReport is the row-by-row result of a people import.
type ImportReport struct {
	Rows       []ImportRow
	NewCohorts []string
	// FileProblem is set when the file as a whole cannot be read (no header, wrong columns,
	// too large, not UTF-8).
	FileProblem string
}

// Valid reports whether every row can be imported.
func (r ImportReport) Valid() bool {
	if r.FileProblem != "" || len(r.Rows) == 0 {
		return false
	}
	for _, row := range r.Rows {
		if len(row.Problems) > 0 {
			return false
		}
	}
	return true
}

// InvalidRows counts the rows with problems.
func (r ImportReport) InvalidRows() int {
	n := 0
	for _, row := range r.Rows {
		if len(row.Problems) > 0 {
			n++
		}
	}
	return n
}

var importColumns = []string{"email", "name", "role", "cohort"}

// ImportPeople reads a CSV file (header email,name,role,cohort; comma or semicolon
// separated; UTF-8), checks every row, and only when all are valid creates the new people
// with invitations, creates missing cohorts, and adds everyone to their cohort, in one
// transaction. Otherwise it stores nothing and returns the report with ErrImportInvalid.
func (s *Store) ImportPeople(ctx context.Context, inviterID, orgID string, data []byte) (ImportReport, error) {
	report := parsePeopleCSV(data)
	if report.FileProblem != "" {
		return report, ErrImportInvalid
	}
	if len(report.Rows) == 0 {
		report.FileProblem = "empty"
		return report, ErrImportInvalid
	}
	var result ImportReport
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.checkImportRows(tx, orgID, &report); err != nil {
			return err
		}
		if !report.Valid() {
			return ErrImportInvalid
		}
		if err := s.applyImport(tx, inviterID, orgID, &report); err != nil {
			return err
		}
		result = report
		return nil
	})
	if errors.Is(err, ErrImportInvalid) {
		for i := range report.Rows {
			report.Rows[i].Outcome, report.Rows[i].UserID, report.Rows[i].Token = "", "", ""
		}
		return report, err
	}
	return result, err
}

func parsePeopleCSV(data []byte) ImportReport {
	var report ImportReport
	if len(data) > MaxImportBytes {
		report.FileProblem = "too_large"
		return report
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		report.FileProblem = "not_utf8"
		return report
	}
	r := csv.NewReader(bytes.NewReader(data))
	firstLine, _, _ := strings.Cut(string(data), "\n")
	if strings.Count(firstLine, ";") > strings.Count(firstLine, ",") {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		report.FileProblem = "no_header"
		return report
	}
	cols, ok := importHeader(header)
	if !ok {
		report.FileProblem = "bad_header"
		return report
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			report.FileProblem = "malformed"
			return report
		}
		// FieldPos panics after a parse error in the first field, so only ask it now.
		line, _ := r.FieldPos(0)
		if isBlank(rec) {
			continue
		}
		if len(report.Rows) >= MaxImportRows {
			report.FileProblem = "too_many_rows"
			return report
		}
		get := func(name string) string {
			if i := cols[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		report.Rows = append(report.Rows, ImportRow{
			Line: line, Email: NormaliseEmail(get("email")), Name: get("name"),
			Role: Role(strings.ToLower(get("role"))), Cohort: get("cohort"),
		})
	}
	return report
}

func importHeader(header []string) (map[string]int, bool) {
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, want := range importColumns {
		if _, ok := cols[want]; !ok {
			return nil, false
		}
	}
	return cols, true
}

func isBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

type importInput struct {
	Email  string `json:"email" validate:"required,email,max=254"`
	Name   string `json:"name" validate:"required,max=200"`
	Role   Role   `json:"role" validate:"required,oneof=learner coach org_admin"`
	Cohort string `json:"cohort" validate:"max=120"`
}

// checkImportRows records each row's problems: field rules, duplicates within the file,
// emails taken elsewhere, and roles that differ from an existing account.
func (s *Store) checkImportRows(tx *gorm.DB, orgID string, report *ImportReport) error {
	emails := make([]string, 0, len(report.Rows))
	for _, row := range report.Rows {
		emails = append(emails, row.Email)
	}
	existing := map[string]User{}
	for chunk := range slices.Chunk(emails, 500) {
		var users []User
		if err := tx.Where("email IN ?", chunk).Find(&users).Error; err != nil {
			return err
		}
		for _, u := range users {
			existing[u.Email] = u
		}
	}
	seen := map[string]int{}
	for i := range report.Rows {
		row := &report.Rows[i]
		in := importInput{Email: row.Email, Name: row.Name, Role: row.Role, Cohort: row.Cohort}
		if err := s.validate.Struct(in); err != nil {
			if v, ok := errs.AsValidation(err); ok {
				row.Problems = append(row.Problems, v.Fields...)
			}
		}
		if first, dup := seen[row.Email]; dup && row.Email != "" {
			row.Problems = append(row.Problems, errs.FieldError{Field: "email", Code: "duplicate_row", Param: fmt.Sprint(first)})
		} else {
			seen[row.Email] = row.Line
		}
		if u, ok := existing[row.Email]; ok {
			switch {
			case u.OrgID() != orgID:
				row.Problems = append(row.Problems, errs.FieldError{Field: "email", Code: "taken"})
			case u.Role != row.Role:
				row.Problems = append(row.Problems, errs.FieldError{Field: "role", Code: "role_differs", Param: string(u.Role)})
			}
		}
		if row.Role == RoleOrgAdmin && row.Cohort != "" {
			row.Problems = append(row.Problems, errs.FieldError{Field: "cohort", Code: "no_cohort_for_role"})
		}
	}
	return nil
}

func (s *Store) applyImport(tx *gorm.DB, inviterID, orgID string, report *ImportReport) error {
	var cohorts []Cohort
	if err := tx.Where("organisation_id = ?", orgID).Find(&cohorts).Error; err != nil {
		return err
	}
	byName := map[string]string{}
	for _, c := range cohorts {
		byName[strings.ToLower(c.Name)] = c.ID
	}
	for i := range report.Rows {
		row := &report.Rows[i]
		u, err := s.importPerson(tx, inviterID, orgID, row)
		if err != nil {
			return fmt.Errorf("line %d: %w", row.Line, err)
		}
		if row.Cohort == "" {
			continue
		}
		id, ok := byName[strings.ToLower(row.Cohort)]
		if !ok {
			c, err := s.createCohort(tx, orgID, CohortInput{Name: row.Cohort})
			if err != nil {
				return fmt.Errorf("line %d: %w", row.Line, err)
			}
			id = c.ID
			byName[strings.ToLower(row.Cohort)] = id
			report.NewCohorts = append(report.NewCohorts, c.Name)
		}
		if err := s.addToCohort(tx, id, u.ID, u.Role); err != nil {
			return fmt.Errorf("line %d: %w", row.Line, err)
		}
	}
	return nil
}

func (s *Store) importPerson(tx *gorm.DB, inviterID, orgID string, row *ImportRow) (User, error) {
	var u User
	err := tx.Where("email = ?", row.Email).Take(&u).Error
	if err == nil {
		row.Outcome, row.UserID = "existing", u.ID
		return u, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return u, err
	}
	u, err = s.createUser(tx, NewUser{OrganisationID: orgID, Email: row.Email, Name: row.Name, Role: row.Role})
	if err != nil {
		return u, err
	}
	token, err := s.newInvitation(tx, u.ID, inviterID)
	row.Outcome, row.UserID, row.Token = "invited", u.ID, token
	return u, err
}
