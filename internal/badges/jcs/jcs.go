// Package jcs is the JSON Canonicalization Scheme of RFC 8785: one exact byte sequence
// for a JSON value, whatever the spacing, key order or number spelling it arrived with, so
// that a hash or signature over it can be checked by anyone who canonicalizes the same
// value. It imports nothing but the standard library.
package jcs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Canonicalize returns the canonical form of the JSON text data. It refuses what RFC 8785
// requires to refuse: invalid UTF-8, lone surrogates, duplicate object keys, numbers that
// are not finite IEEE 754 doubles, and anything after the value.
func Canonicalize(data []byte) ([]byte, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("jcs: input is not valid UTF-8")
	}
	if err := checkSurrogates(data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parse(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("jcs: data after the JSON value")
	}
	var buf bytes.Buffer
	if err := write(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Marshal encodes v with encoding/json and canonicalizes the result.
func Marshal(v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return Canonicalize(data)
}

// object keeps an object's members; the order is fixed when it is written.
type object map[string]any

func parse(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("jcs: %w", err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			return parseObject(dec)
		case '[':
			return parseArray(dec)
		}
		return nil, fmt.Errorf("jcs: unexpected %q", t)
	case json.Number:
		f, err := strconv.ParseFloat(string(t), 64)
		if err != nil {
			return nil, fmt.Errorf("jcs: number %s is not a finite double", t)
		}
		return f, nil
	default: // string, bool, nil
		return t, nil
	}
}

func parseObject(dec *json.Decoder) (any, error) {
	obj := object{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("jcs: %w", err)
		}
		key, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("jcs: object key %v is not a string", tok)
		}
		if _, dup := obj[key]; dup {
			return nil, fmt.Errorf("jcs: duplicate key %q", key)
		}
		if obj[key], err = parse(dec); err != nil {
			return nil, err
		}
	}
	_, err := dec.Token() // '}'
	return obj, err
}

func parseArray(dec *json.Decoder) (any, error) {
	arr := []any{}
	for dec.More() {
		v, err := parse(dec)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
	}
	_, err := dec.Token() // ']'
	return arr, err
}

func write(buf *bytes.Buffer, v any) error {
	switch t := v.(type) {
	case nil:
		buf.WriteString("null")
	case bool:
		buf.WriteString(strconv.FormatBool(t))
	case float64:
		s, err := FormatNumber(t)
		if err != nil {
			return err
		}
		buf.WriteString(s)
	case string:
		writeString(buf, t)
	case []any:
		buf.WriteByte('[')
		for i, item := range t {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := write(buf, item); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case object:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, compareUTF16)
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeString(buf, k)
			buf.WriteByte(':')
			if err := write(buf, t[k]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	default:
		return fmt.Errorf("jcs: unexpected value %T", v)
	}
	return nil
}

// compareUTF16 orders object keys by their UTF-16 code units, as RFC 8785 §3.2.3 requires
// (not by UTF-8 bytes or code points, which differ above U+FFFF).
func compareUTF16(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

// writeString writes s as RFC 8785 §3.2.2.2 says: only '"', '\' and control characters
// are escaped, with the short forms where JSON has them; everything else as UTF-8.
func writeString(buf *bytes.Buffer, s string) {
	buf.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			buf.WriteString(`\"`)
		case '\\':
			buf.WriteString(`\\`)
		case '\b':
			buf.WriteString(`\b`)
		case '\f':
			buf.WriteString(`\f`)
		case '\n':
			buf.WriteString(`\n`)
		case '\r':
			buf.WriteString(`\r`)
		case '\t':
			buf.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(buf, `\u%04x`, r)
			} else {
				buf.WriteRune(r)
			}
		}
	}
	buf.WriteByte('"')
}

// FormatNumber writes f the way ECMAScript's Number.prototype.toString does (ECMA-262
// Number::toString), which RFC 8785 §3.2.2.3 prescribes: the shortest digits that read back
// as f, in plain notation from 1e-6 up to 1e21 and in exponent notation outside.
func FormatNumber(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("jcs: %v cannot be represented in JSON", f)
	}
	if f == 0 {
		return "0", nil // also -0
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	// Shortest round-trip digits d.ddd and the decimal exponent: f = 0.digits × 10^n.
	mantissa, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	digits := strings.Replace(mantissa, ".", "", 1)
	e, err := strconv.Atoi(exp)
	if err != nil {
		return "", err
	}
	n, k := e+1, len(digits)
	var s string
	switch {
	case k <= n && n <= 21:
		s = digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		s = digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		s = "0." + strings.Repeat("0", -n) + digits
	default:
		s = digits[:1]
		if k > 1 {
			s += "." + digits[1:]
		}
		if n-1 >= 0 {
			s += "e+" + strconv.Itoa(n-1)
		} else {
			s += "e-" + strconv.Itoa(1-n)
		}
	}
	return sign + s, nil
}

// checkSurrogates refuses \u escapes of UTF-16 surrogates that do not form a pair: they
// stand for no character, and decoders would silently replace them.
func checkSurrogates(data []byte) error {
	inString, pendingHigh := false, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !inString {
			if c == '"' {
				inString = true
			}
			continue
		}
		isLow := false
		switch {
		case c == '"':
			inString = false
		case c == '\\' && i+1 < len(data):
			i++
			if data[i] != 'u' || i+4 >= len(data) {
				break
			}
			v, err := strconv.ParseUint(string(data[i+1:i+5]), 16, 16)
			i += 4
			if err != nil {
				return errors.New("jcs: malformed \\u escape")
			}
			switch {
			case v >= 0xD800 && v <= 0xDBFF:
				if pendingHigh {
					return errors.New("jcs: lone surrogate")
				}
				pendingHigh = true
				continue
			case v >= 0xDC00 && v <= 0xDFFF:
				if !pendingHigh {
					return errors.New("jcs: lone surrogate")
				}
				isLow = true
			}
		}
		if pendingHigh && !isLow {
			return errors.New("jcs: lone surrogate")
		}
		pendingHigh = false
	}
	return nil
}
