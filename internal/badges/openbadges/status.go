package openbadges

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"io"
	"strings"
)

// MinStatusListBits is the smallest status list the Bitstring Status List specification
// allows (16 KiB), so that one credential's entry hides among many.
const MinStatusListBits = 131072

// StatusEntry is a credential's place in its issuer's revocation list: a
// BitstringStatusListEntry.
type StatusEntry struct {
	ID                   string `json:"id"`
	Type                 string `json:"type"`
	StatusPurpose        string `json:"statusPurpose"`
	StatusListIndex      string `json:"statusListIndex"`
	StatusListCredential string `json:"statusListCredential"`
}

// StatusListCredential is the credential that publishes an issuer's revocation list.
type StatusListCredential struct {
	Context           []string          `json:"@context"`
	ID                string            `json:"id"`
	Type              []string          `json:"type"`
	Issuer            string            `json:"issuer"`
	ValidFrom         string            `json:"validFrom"`
	CredentialSubject StatusListSubject `json:"credentialSubject"`
}

// StatusListSubject holds the list itself.
type StatusListSubject struct {
	ID            string `json:"id"`
	Type          string `json:"type"`
	StatusPurpose string `json:"statusPurpose"`
	EncodedList   string `json:"encodedList"`
}

// Bitstring is a status list: bit i (counted from the most significant bit of the first
// byte) is set when the credential with index i is revoked.
type Bitstring []byte

// NewBitstring returns a list of at least n bits, never fewer than MinStatusListBits.
func NewBitstring(n int) Bitstring {
	return make(Bitstring, (max(n, MinStatusListBits)+7)/8)
}

// Set sets bit i.
func (b Bitstring) Set(i int) { b[i/8] |= 0x80 >> (i % 8) }

// Get reports whether bit i is set; bits past the end are not.
func (b Bitstring) Get(i int) bool { return i >= 0 && i/8 < len(b) && b[i/8]&(0x80>>(i%8)) != 0 }

// Encode is the encodedList of the specification: the bits GZIP-compressed, in multibase
// base64url without padding ('u…').
func (b Bitstring) Encode() string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// DecodeBitstring reads an encodedList.
func DecodeBitstring(s string) (Bitstring, error) {
	body, ok := strings.CutPrefix(s, "u")
	if !ok {
		return nil, errors.New("encodedList is not multibase base64url")
	}
	gz, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	bits, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		return nil, err
	}
	return Bitstring(bits), nil
}
