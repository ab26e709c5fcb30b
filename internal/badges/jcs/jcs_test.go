package jcs

import (
	"encoding/binary"
	"encoding/hex"
	"math"
	"strings"
	"testing"
)

// TestRFC8785Example is the example of RFC 8785 §3.2.2: number spellings, escapes and
// literals.
func TestRFC8785Example(t *testing.T) {
	in := `{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`
	want := `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`
	got, err := Canonicalize([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestRFC8785Sorting is the property-sorting example of RFC 8785 §3.2.3: keys are ordered
// by UTF-16 code units, so the emoji (a surrogate pair, D83D) comes before U+FB33.
func TestRFC8785Sorting(t *testing.T) {
	in := `{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`
	want := "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\"," +
		"\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"
	got, err := Canonicalize([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestRFC8785Numbers is the table of RFC 8785 Appendix B: IEEE 754 bit patterns and their
// canonical text.
func TestRFC8785Numbers(t *testing.T) {
	cases := []struct{ bits, want string }{
		{"0000000000000000", "0"},
		{"8000000000000000", "0"},
		{"0000000000000001", "5e-324"},
		{"8000000000000001", "-5e-324"},
		{"7fefffffffffffff", "1.7976931348623157e+308"},
		{"ffefffffffffffff", "-1.7976931348623157e+308"},
		{"4340000000000000", "9007199254740992"},
		{"c340000000000000", "-9007199254740992"},
		{"4430000000000000", "295147905179352830000"},
		{"44b52d02c7e14af5", "9.999999999999997e+22"},
		{"44b52d02c7e14af6", "1e+23"},
		{"44b52d02c7e14af7", "1.0000000000000001e+23"},
		{"444b1ae4d6e2ef4e", "999999999999999700000"},
		{"444b1ae4d6e2ef4f", "999999999999999900000"},
		{"444b1ae4d6e2ef50", "1e+21"},
		{"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"},
		{"3eb0c6f7a0b5ed8d", "0.000001"},
		{"41b3de4355555553", "333333333.3333332"},
		{"41b3de4355555554", "333333333.33333325"},
		{"41b3de4355555555", "333333333.3333333"},
		{"41b3de4355555556", "333333333.3333334"},
		{"41b3de4355555557", "333333333.33333343"},
		{"becbf647612f3696", "-0.0000033333333333333333"},
		{"43143ff3c1cb0959", "1424953923781206.2"},
	}
	for _, c := range cases {
		b, err := hex.DecodeString(c.bits)
		if err != nil {
			t.Fatal(err)
		}
		f := math.Float64frombits(binary.BigEndian.Uint64(b))
		got, err := FormatNumber(f)
		if err != nil {
			t.Fatalf("%s: %v", c.bits, err)
		}
		if got != c.want {
			t.Errorf("%s (%v): got %s, want %s", c.bits, f, got, c.want)
		}
	}
	for _, bits := range []string{"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"} {
		b, _ := hex.DecodeString(bits)
		if s, err := FormatNumber(math.Float64frombits(binary.BigEndian.Uint64(b))); err == nil {
			t.Errorf("%s: got %s, want an error (NaN and infinities have no JSON form)", bits, s)
		}
	}
}

func TestCanonicalizeIgnoresFormatting(t *testing.T) {
	a := `{"b": [1, 2.0, {"y": true, "x": null}], "a": "é"}`
	b := "{\n\t\"a\":\"\\u00e9\",\"b\":[1.0,2,{\"x\":null,\"y\":true}]}"
	ca, err := Canonicalize([]byte(a))
	if err != nil {
		t.Fatal(err)
	}
	cb, err := Canonicalize([]byte(b))
	if err != nil {
		t.Fatal(err)
	}
	if string(ca) != string(cb) || string(ca) != `{"a":"é","b":[1,2,{"x":null,"y":true}]}` {
		t.Errorf("%s and %s differ", ca, cb)
	}
}

func TestCanonicalizeRefuses(t *testing.T) {
	cases := map[string]string{
		"duplicate key":        `{"a":1,"a":2}`,
		"duplicate by escape":  `{"a":1,"\u0061":2}`,
		"lone high surrogate":  `{"a":"\ud83d"}`,
		"lone low surrogate":   `["\ude00"]`,
		"reversed surrogates":  `["\ude00\ud83d"]`,
		"number out of range":  `[1e400]`,
		"trailing data":        `{} {}`,
		"not JSON":             `{"a":}`,
		"invalid UTF-8":        "[\"\xff\"]",
		"truncated":            `{"a":[1,2`,
		"high then plain text": `["\ud83dx"]`,
	}
	for name, in := range cases {
		if out, err := Canonicalize([]byte(in)); err == nil {
			t.Errorf("%s: got %s, want an error", name, out)
		}
	}
	// An escaped backslash before "u" is text, not an escape.
	out, err := Canonicalize([]byte(`["\\ud83d"]`))
	if err != nil || !strings.Contains(string(out), `\\ud83d`) {
		t.Errorf(`["\\ud83d"]: %s, %v`, out, err)
	}
}

func TestMarshal(t *testing.T) {
	got, err := Marshal(map[string]any{"z": "<&>", "a": []int{3, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != `{"a":[3,1],"z":"<&>"}` {
		t.Errorf("got %s", got)
	}
}
