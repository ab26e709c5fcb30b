package development

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// stringList is a list of strings stored as a JSON array in a TEXT column.
type stringList []string

// Value stores the list as JSON ("[]" for nil).
func (l stringList) Value() (driver.Value, error) {
	if l == nil {
		return "[]", nil
	}
	b, err := json.Marshal([]string(l))
	return string(b), err
}

// Scan reads a JSON array.
func (l *stringList) Scan(src any) error { return scanJSON(src, l) }

// answerMap is a footprint check's answers, stored as a JSON object.
type answerMap map[string]int

// Value stores the answers as JSON.
func (m answerMap) Value() (driver.Value, error) {
	b, err := json.Marshal(map[string]int(m))
	return string(b), err
}

// Scan reads a JSON object.
func (m *answerMap) Scan(src any) error { return scanJSON(src, m) }

func scanJSON(src, dst any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), dst)
	case []byte:
		return json.Unmarshal(v, dst)
	case nil:
		return nil
	default:
		return fmt.Errorf("cannot read %T as JSON", src)
	}
}
