package jcs

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzCanonicalize: whatever JSON arrives, canonicalization does not panic, its output is
// valid JSON with the same value, and canonicalizing the output changes nothing.
func FuzzCanonicalize(f *testing.F) {
	for _, seed := range []string{
		`{"b":[1,2.50,{"y":true,"x":null}],"a":"é\u0000"}`, `[1e30,-0,5e-324,0.000001,1e21]`,
		`{"\ud83d\ude00":1,"\ufb33":2}`, `"\ud83d"`, `{"a":1,"a":2}`, `[`, `1e400`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Canonicalize(data)
		if err != nil {
			return
		}
		var in, back any
		if json.Unmarshal(data, &in) != nil || json.Unmarshal(out, &back) != nil {
			t.Fatalf("%q canonicalized to %q, which is not JSON", data, out)
		}
		again, err := Canonicalize(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("canonical %q is not stable: %q, %v", out, again, err)
		}
	})
}
