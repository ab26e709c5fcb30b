package dataintegrity

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The eddsa-jcs-2022 test vector of Data Integrity EdDSA Cryptosuites v1.0 (Appendix
// A.2): its key pair, unsecured credential and proof options, and the proofValue the
// specification publishes for them.
const (
	vectorPublicKey  = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
	vectorPrivateKey = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
	vectorDocument   = `{
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
  "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
  "type": ["VerifiableCredential", "AlumniCredential"],
  "name": "Alumni Credential",
  "description": "A minimum viable example of an Alumni Credential.",
  "issuer": "https://vc.example/issuers/5678",
  "validFrom": "2023-01-01T00:00:00Z",
  "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"}
}`
	vectorMethod     = "https://vc.example/issuers/5678#" + vectorPublicKey
	vectorCreated    = "2023-02-24T23:36:38Z"
	vectorProofValue = "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4"
)

func vectorKeys(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, err := DecodePublicKey(vectorPublicKey)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := DecodePrivateKey(vectorPrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(priv.Public().(ed25519.PublicKey), pub) {
		t.Fatal("the vector's private key does not belong to its public key")
	}
	return pub, priv
}

func only(pub ed25519.PublicKey, method string) KeyFunc {
	return func(vm string) (ed25519.PublicKey, error) {
		if vm != method {
			return nil, fmt.Errorf("unknown verification method %s", vm)
		}
		return pub, nil
	}
}

func TestSignReproducesTheSpecificationVector(t *testing.T) {
	pub, priv := vectorKeys(t)
	created, _ := time.Parse(time.RFC3339, vectorCreated)
	signed, err := Sign([]byte(vectorDocument), Options{VerificationMethod: vectorMethod, Created: created}, priv)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Proof map[string]any `json:"proof"`
	}
	if err := json.Unmarshal(signed, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Proof["proofValue"] != vectorProofValue {
		t.Errorf("proofValue = %v, want the specification's %s", doc.Proof["proofValue"], vectorProofValue)
	}
	want := map[string]any{"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": vectorCreated,
		"verificationMethod": vectorMethod, "proofPurpose": "assertionMethod"}
	for k, v := range want {
		if doc.Proof[k] != v {
			t.Errorf("proof.%s = %v, want %v", k, doc.Proof[k], v)
		}
	}
	if ctx, _ := doc.Proof["@context"].([]any); len(ctx) != 2 {
		t.Errorf("proof.@context = %v, want the document's", doc.Proof["@context"])
	}
	p, err := Verify(signed, AssertionMethod, only(pub, vectorMethod))
	if err != nil {
		t.Fatal(err)
	}
	if p.VerificationMethod != vectorMethod || p.Created.Format(time.RFC3339) != vectorCreated {
		t.Errorf("verified proof = %+v", p)
	}
}

// TestVerifyTheSpecificationVector verifies the signed credential as the specification
// prints it (pretty, its own member order), which no code of ours produced.
func TestVerifyTheSpecificationVector(t *testing.T) {
	pub, _ := vectorKeys(t)
	signed := strings.TrimSuffix(strings.TrimSpace(vectorDocument), "}") + `,
  "proof": {
    "type": "DataIntegrityProof",
    "cryptosuite": "eddsa-jcs-2022",
    "created": "` + vectorCreated + `",
    "verificationMethod": "` + vectorMethod + `",
    "proofPurpose": "assertionMethod",
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
    "proofValue": "` + vectorProofValue + `"
  }
}`
	if _, err := Verify([]byte(signed), AssertionMethod, only(pub, vectorMethod)); err != nil {
		t.Fatal(err)
	}
	tampered := strings.Replace(signed, "The School of Examples", "The School of Exampler", 1)
	if _, err := Verify([]byte(tampered), AssertionMethod, only(pub, vectorMethod)); !errors.Is(err, ErrSignature) {
		t.Fatalf("tampered vector: %v, want ErrSignature", err)
	}
}

func TestMultibase(t *testing.T) {
	for _, b := range [][]byte{{}, {0}, {0, 0, 1}, {1, 2, 3}, bytes.Repeat([]byte{0xff}, 40)} {
		s := EncodeBase58(b)
		back, err := DecodeBase58(s)
		if err != nil || !bytes.Equal(back, b) {
			t.Errorf("%x → %s → %x, %v", b, s, back, err)
		}
	}
	if EncodeBase58([]byte("Hello World!")) != "z2NEpo7TZRRrLZSi2U" {
		t.Errorf("base58btc of 'Hello World!' = %s", EncodeBase58([]byte("Hello World!")))
	}
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	mk := EncodePublicKey(pub)
	if !strings.HasPrefix(mk, "z6Mk") {
		t.Errorf("Ed25519 multikey %s does not start with z6Mk", mk)
	}
	for _, bad := range []string{"", "z", "x6Mk", "z0OIl", "z" + strings.Repeat("1", 10)} {
		if _, err := DecodePublicKey(bad); err == nil {
			t.Errorf("DecodePublicKey(%q) succeeded", bad)
		}
	}
}

func newSigned(t *testing.T) ([]byte, ed25519.PublicKey, string) {
	t.Helper()
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	method := "https://academy.test/orgs/x/issuer#key-1"
	doc := `{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"https://academy.test/badges/1","n":1.5,"list":[true,null,"ñ"]}`
	signed, err := Sign([]byte(doc), Options{VerificationMethod: method, Created: time.Now()}, priv)
	if err != nil {
		t.Fatal(err)
	}
	return signed, pub, method
}

func TestVerifyRefuses(t *testing.T) {
	signed, pub, method := newSigned(t)
	if _, err := Verify(signed, AssertionMethod, only(pub, method)); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(doc, proof map[string]any)) []byte {
		var doc map[string]any
		if err := json.Unmarshal(signed, &doc); err != nil {
			t.Fatal(err)
		}
		f(doc, doc["proof"].(map[string]any))
		b, _ := json.Marshal(doc)
		return b
	}
	otherPub, _, _ := ed25519.GenerateKey(rand.Reader)
	cases := []struct {
		name      string
		doc       []byte
		key       KeyFunc
		signature bool // the failure is a signature mismatch
	}{
		{"changed value", edit(func(d, _ map[string]any) { d["n"] = 1.25 }), only(pub, method), true},
		{"added member", edit(func(d, _ map[string]any) { d["extra"] = "x" }), only(pub, method), true},
		{"removed member", edit(func(d, _ map[string]any) { delete(d, "list") }), only(pub, method), true},
		{"changed created", edit(func(_, p map[string]any) { p["created"] = "2020-01-01T00:00:00Z" }), only(pub, method), true},
		{"extra proof option", edit(func(_, p map[string]any) { p["domain"] = "x" }), only(pub, method), true},
		{"other key", signed, only(otherPub, method), true},
		{"unknown method", signed, only(pub, "https://elsewhere.test/#key-1"), false},
		{"no proof", edit(func(d, _ map[string]any) { delete(d, "proof") }), only(pub, method), false},
		{"other suite", edit(func(_, p map[string]any) { p["cryptosuite"] = "eddsa-rdfc-2022" }), only(pub, method), false},
		{"other purpose", edit(func(_, p map[string]any) { p["proofPurpose"] = "authentication" }), only(pub, method), false},
		{"context not a prefix", edit(func(d, _ map[string]any) { d["@context"] = []any{"https://example.test/other"} }), only(pub, method), false},
		{"bad proofValue", edit(func(_, p map[string]any) { p["proofValue"] = "z123" }), only(pub, method), false},
		{"duplicate key", []byte(strings.Replace(string(signed), `"n":1.5`, `"n":1.5,"n":2`, 1)), only(pub, method), false},
		{"not an object", []byte(`[1]`), only(pub, method), false},
	}
	for _, c := range cases {
		_, err := Verify(c.doc, AssertionMethod, c.key)
		switch {
		case err == nil:
			t.Errorf("%s: verified", c.name)
		case c.signature != errors.Is(err, ErrSignature):
			t.Errorf("%s: %v (signature mismatch expected: %v)", c.name, err, c.signature)
		}
	}
	// The same document formatted differently still verifies: JCS makes the bytes the same.
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, signed, "", "    "); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(pretty.Bytes(), AssertionMethod, only(pub, method)); err != nil {
		t.Errorf("reformatted document: %v", err)
	}
}

func TestSignRefuses(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signed, _, _ := newSigned(t)
	if _, err := Sign(signed, Options{VerificationMethod: "x", Created: time.Now()}, priv); err == nil {
		t.Error("signed a document that already has a proof")
	}
	if _, err := Sign([]byte(`{}`), Options{Created: time.Now()}, priv); err == nil {
		t.Error("signed without a verification method")
	}
	if _, err := Sign([]byte(`"text"`), Options{VerificationMethod: "x", Created: time.Now()}, priv); err == nil {
		t.Error("signed something that is not an object")
	}
}
