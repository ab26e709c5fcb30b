package identity_test

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"

	"github.com/academy-platform/academy/internal/identity"
)

// phc is the PHC string format with the parameters Academy promises: argon2id, version 19,
// 19 MiB, 2 passes, 1 lane, a 16-byte salt and a 32-byte key (unpadded standard base64).
var phc = regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$`)

func TestHashPasswordFormat(t *testing.T) {
	h := testHash()
	m := phc.FindStringSubmatch(h)
	if m == nil {
		t.Fatalf("hash %q does not match %s", h, phc)
	}
	salt, err := base64.RawStdEncoding.DecodeString(m[1])
	if err != nil || len(salt) != 16 {
		t.Fatalf("salt %q: %d bytes, %v", m[1], len(salt), err)
	}
	key, err := base64.RawStdEncoding.DecodeString(m[2])
	if err != nil || len(key) != 32 {
		t.Fatalf("key %q: %d bytes, %v", m[2], len(key), err)
	}
	// The key is argon2id over the password with exactly those parameters.
	want := argon2.IDKey([]byte(testPassword), salt, 2, 19*1024, 1, 32)
	if string(key) != string(want) {
		t.Fatal("key is not argon2id(password, salt, t=2, m=19456, p=1)")
	}
}

func TestCheckPassword(t *testing.T) {
	h := testHash()
	cases := []struct {
		name     string
		password string
		want     bool
	}{
		{"right password", testPassword, true},
		{"wrong password", "correct horse battery!", false},
		{"different case", strings.ToUpper(testPassword), false},
		{"empty password", "", false},
		{"prefix of the password", testPassword[:10], false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := identity.CheckPassword(h, c.password); got != c.want {
				t.Fatalf("CheckPassword(%q) = %v, want %v", c.password, got, c.want)
			}
		})
	}
}

func TestHashPasswordIsSalted(t *testing.T) {
	const pw = "pässwörd with ünïcode ✓"
	h1, h2 := identity.HashPassword(pw), identity.HashPassword(pw)
	if h1 == h2 {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	if !identity.CheckPassword(h1, pw) || !identity.CheckPassword(h2, pw) {
		t.Fatal("round trip failed for a non-ASCII password")
	}
}

// TestCheckPasswordReadsParameters checks that the parameters stored in a hash are the ones
// used to check it, so that hashes made with other costs keep working.
func TestCheckPasswordReadsParameters(t *testing.T) {
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte("old password"), salt, 1, 8*1024, 2, 24)
	encoded := fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", 8*1024, 1, 2,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
	if !identity.CheckPassword(encoded, "old password") {
		t.Fatal("a hash with other parameters does not check")
	}
	if identity.CheckPassword(encoded, "old passwore") {
		t.Fatal("a wrong password checks against a hash with other parameters")
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	h := testHash()
	parts := strings.Split(h, "$") // "", "argon2id", "v=19", "m=…", salt, key
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	cases := map[string]string{
		"empty":               "",
		"plain text":          testPassword,
		"only separators":     "$$$$$",
		"argon2i":             with(1, "argon2i"),
		"bcrypt":              "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"other version":       with(2, "v=16"),
		"no version":          with(2, "19"),
		"bad parameters":      with(3, "m=x,t=2,p=1"),
		"missing parameters":  with(3, ""),
		"zero passes":         with(3, "m=19456,t=0,p=1"),
		"zero lanes":          with(3, "m=19456,t=2,p=0"),
		"too many lanes":      with(3, "m=19456,t=2,p=256"),
		"negative lanes":      with(3, "m=19456,t=2,p=-1"),
		"salt not base64":     with(4, "!!!!"),
		"key not base64":      with(5, "!!!!"),
		"empty key":           with(5, ""),
		"padded key":          h + "=",
		"extra field":         h + "$extra",
		"missing key":         strings.Join(parts[:5], "$"),
		"key of another hash": with(5, strings.Split(identity.HashPassword(testPassword), "$")[5]),
	}
	for name, encoded := range cases {
		t.Run(name, func(t *testing.T) {
			if identity.CheckPassword(encoded, testPassword) {
				t.Fatalf("CheckPassword(%q, right password) = true for a malformed hash", encoded)
			}
		})
	}
}
