package assessment

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/identity"
)

// Limits on a response import.
const (
	MaxImportBytes = 64 << 20
	MaxImportRows  = 100_000
	// MaxRefLength is the longest respondent identifier accepted.
	MaxRefLength = 254
)

// The identifier columns of a response import.
const (
	ColumnEmail      = "email"
	ColumnExternalID = "external_id"
)

// Codes of ImportProblem. Problems of the file as a whole are reported on line 1 (the
// header) or on the line where the CSV syntax breaks; nothing is imported then, whatever
// SkipInvalid says.
const (
	ImportTooLarge          = "too_large"            // file over MaxImportBytes or MaxImportRows
	ImportNotUTF8           = "not_utf8"             // the file is not UTF-8
	ImportMalformed         = "malformed"            // CSV syntax error (Detail has the parser's message)
	ImportEmpty             = "empty"                // no header or no data rows
	ImportNoIdentifier      = "no_identifier"        // no "email" or "external_id" column, or both
	ImportEmailRequired     = "email_required"       // matching people needs an "email" column
	ImportUnknownItem       = "unknown_item"         // a column that is no item of the instrument
	ImportDuplicateColumn   = "duplicate_column"     // a column named twice
	ImportMissingIdentifier = "missing_identifier"   // row without identifier (or one too long)
	ImportDuplicateRef      = "duplicate_identifier" // identifier already on an earlier line (Detail: that line)
	ImportUnknownPerson     = "unknown_person"       // email of nobody in the organisation
	ImportNotInteger        = "not_integer"          // a cell that is not a whole number
	ImportOutOfRange        = "out_of_range"         // a value outside the scale or option numbers (Detail: allowed range)
	ImportTooManyFields     = "too_many_fields"      // more cells than header columns
	ImportNoAnswers         = "no_answers"           // a row without a single answer
)

// ImportProblem is one problem found in a response import.
type ImportProblem struct {
	Line   int    `json:"line"`
	Column string `json:"column,omitempty"`
	Code   string `json:"code"`
	// Value is the offending cell or header; Detail an allowed range, the line of the first
	// occurrence of a duplicate, or the CSV parser's message.
	Value  string `json:"value,omitempty"`
	Detail string `json:"detail,omitempty"`
}

// missingCell marks an unanswered item in a parsed row.
const missingCell = -1 << 31

// parsedRow is one data row of a response import.
type parsedRow struct {
	line  int
	ref   string
	cells []int // per item of the definition: the Likert value, the 0-based option, or missingCell
	bad   bool
}

// parsedFile is a response import read and checked against the instrument.
type parsedFile struct {
	identifier string
	rows       []parsedRow
	problems   []ImportProblem
	fatal      bool // a file-level problem: nothing can be imported
}

func (f *parsedFile) fail(line int, code, value, detail string) {
	f.problems = append(f.problems, ImportProblem{Line: line, Code: code, Value: value, Detail: detail})
	f.fatal = true
}

// parseResponses reads a response CSV (comma- or semicolon-separated, UTF-8, optional BOM)
// and checks every cell against def. With requireEmail the identifier must be "email".
func parseResponses(def *instrument.Definition, r io.Reader, requireEmail bool) *parsedFile {
	f := &parsedFile{}
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	switch {
	case err != nil:
		f.fail(1, ImportMalformed, "", err.Error())
		return f
	case len(data) > MaxImportBytes:
		f.fail(1, ImportTooLarge, "", strconv.Itoa(MaxImportBytes))
		return f
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		f.fail(1, ImportNotUTF8, "", "")
		return f
	}
	cr := csv.NewReader(bytes.NewReader(data))
	firstLine, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(firstLine, []byte(";")) > bytes.Count(firstLine, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		f.fail(1, ImportEmpty, "", "")
		return f
	}
	idCol, cols := f.header(def, header, requireEmail)
	if f.fatal {
		return f
	}
	f.readRows(def, cr, idCol, cols)
	if !f.fatal && len(f.rows) == 0 {
		f.fail(1, ImportEmpty, "", "")
	}
	return f
}

// header maps the columns: the identifier column's index, and per column the index of its
// item in def (-1 for the identifier).
func (f *parsedFile) header(def *instrument.Definition, header []string, requireEmail bool) (int, []int) {
	items := make(map[string]int, len(def.Items))
	for j, it := range def.Items {
		items[it.ID] = j
	}
	idCol := -1
	cols := make([]int, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		name := strings.TrimSpace(h)
		lower := strings.ToLower(name)
		switch {
		case seen[lower]:
			f.fail(1, ImportDuplicateColumn, name, "")
		case lower == ColumnEmail || lower == ColumnExternalID:
			if idCol >= 0 {
				f.fail(1, ImportNoIdentifier, name, "only one of email, external_id")
			}
			idCol, f.identifier, cols[i] = i, lower, -1
		default:
			j, ok := items[name]
			if !ok {
				f.fail(1, ImportUnknownItem, name, "")
			}
			cols[i] = j
		}
		seen[lower] = true
	}
	switch {
	case idCol < 0:
		f.fail(1, ImportNoIdentifier, "", "email or external_id")
	case requireEmail && f.identifier != ColumnEmail:
		f.fail(1, ImportEmailRequired, f.identifier, ColumnEmail)
	}
	return idCol, cols
}

// readRows reads and checks the data rows.
func (f *parsedFile) readRows(def *instrument.Definition, cr *csv.Reader, idCol int, cols []int) {
	firstLine := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			var perr *csv.ParseError
			line := 0
			if errors.As(err, &perr) {
				line = perr.Line
			}
			f.fail(line, ImportMalformed, "", err.Error())
			return
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(f.rows) >= MaxImportRows {
			f.fail(line, ImportTooLarge, "", strconv.Itoa(MaxImportRows))
			return
		}
		row := f.row(def, rec, line, idCol, cols)
		if row.ref != "" {
			if first, dup := firstLine[row.ref]; dup {
				f.rowProblem(&row, f.identifier, ImportDuplicateRef, row.ref, strconv.Itoa(first))
			} else {
				firstLine[row.ref] = line
			}
		}
		f.rows = append(f.rows, row)
	}
}

// row checks one data row.
func (f *parsedFile) row(def *instrument.Definition, rec []string, line, idCol int, cols []int) parsedRow {
	row := parsedRow{line: line, cells: make([]int, len(def.Items))}
	for j := range row.cells {
		row.cells[j] = missingCell
	}
	if len(rec) > len(cols) {
		f.rowProblem(&row, "", ImportTooManyFields, strconv.Itoa(len(rec)), strconv.Itoa(len(cols)))
	}
	answers := 0
	for i, cell := range rec[:min(len(rec), len(cols))] {
		cell = strings.TrimSpace(cell)
		if i == idCol {
			row.ref = normaliseRef(f.identifier, cell)
			if row.ref == "" || utf8.RuneCountInString(row.ref) > MaxRefLength {
				f.rowProblem(&row, f.identifier, ImportMissingIdentifier, cell, "")
				row.ref = ""
			}
			continue
		}
		if cell == "" {
			continue
		}
		it := def.Items[cols[i]]
		n, err := strconv.Atoi(cell)
		if err != nil {
			f.rowProblem(&row, it.ID, ImportNotInteger, cell, "")
			continue
		}
		lo, hi := def.Scale.Min, def.Scale.Max
		if it.Type == instrument.SJT {
			lo, hi = 1, len(it.Options) // SJT cells are 1-based option numbers
		}
		if n < lo || n > hi {
			f.rowProblem(&row, it.ID, ImportOutOfRange, cell, fmt.Sprintf("%d..%d", lo, hi))
			continue
		}
		if it.Type == instrument.SJT {
			n--
		}
		row.cells[cols[i]] = n
		answers++
	}
	if answers == 0 && !row.bad {
		f.rowProblem(&row, "", ImportNoAnswers, "", "")
	}
	return row
}

func (f *parsedFile) rowProblem(row *parsedRow, column, code, value, detail string) {
	row.bad = true
	f.problems = append(f.problems, ImportProblem{Line: row.line, Column: column, Code: code, Value: value, Detail: detail})
}

// normaliseRef normalises an identifier: emails are trimmed and lower-cased.
func normaliseRef(column, s string) string {
	if column == ColumnEmail {
		return identity.NormaliseEmail(s)
	}
	return strings.TrimSpace(s)
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
