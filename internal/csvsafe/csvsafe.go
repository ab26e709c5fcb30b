// Package csvsafe neutralises text that a spreadsheet would run as a formula when it
// opens a CSV export (CSV or formula injection).
package csvsafe

// Text returns s ready for a text cell of a CSV export: a cell that starts with = + - @,
// a tab or a carriage return gets a leading apostrophe, so spreadsheets show it as text
// instead of evaluating it. Use it for text that people typed or uploaded, not for numbers
// the export writes itself (a negative number starts with a minus).
func Text(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
