package instrument

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Hash returns the SHA-256 (hex) of the normalised definition, without its version number:
// two files with the same content have the same hash however they are laid out (key
// order, comments, plain strings or one-language maps, quoting), and any change to an id,
// text, key, weight, band or setting gives a different hash.
func (d *Definition) Hash() string {
	c := *d
	c.Version = 0
	data, err := json.Marshal(&c)
	if err != nil {
		panic("instrument: definition cannot be encoded: " + err.Error())
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Decode reads a definition stored as JSON, as encoding/json encodes a Definition that
// Parse returned (its stored form). It does not re-validate: stored definitions were valid when stored.
func Decode(data []byte) (*Definition, error) {
	var d Definition
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	return &d, nil
}
