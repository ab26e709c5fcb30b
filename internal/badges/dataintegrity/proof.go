// Package dataintegrity secures JSON documents with W3C Data Integrity proofs of the
// eddsa-jcs-2022 cryptosuite (Data Integrity EdDSA Cryptosuites v1.0, §3.3): the proof
// configuration and the document are each canonicalized with JCS (RFC 8785) and hashed
// with SHA-256, and the two hashes, configuration first, are signed with Ed25519. The
// signature is the proof's proofValue in multibase base58btc. Keys are Multikeys. The
// package is pure: the caller says which key a verification method names.
package dataintegrity

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/badges/jcs"
)

// The values this package writes and accepts.
const (
	ProofType       = "DataIntegrityProof"
	Cryptosuite     = "eddsa-jcs-2022"
	AssertionMethod = "assertionMethod"
)

// ErrSignature is returned when a well-formed proof's signature does not match the
// document: the document, or the proof's options, changed after signing, or another key
// signed it.
var ErrSignature = errors.New("the signature does not match the document")

// Options are the proof options of a new proof.
type Options struct {
	// VerificationMethod is the URL of the public key that verifies the proof.
	VerificationMethod string
	// Created is when the proof is made; it is written to the second, in UTC.
	Created time.Time
	// Purpose is the proof purpose; empty means assertionMethod.
	Purpose string
}

// Proof is what a verified proof states.
type Proof struct {
	VerificationMethod string
	Purpose            string
	// Created is zero when the proof does not say.
	Created time.Time
}

// KeyFunc returns the public key a verification method URL names, or an error when the
// caller does not accept that verification method.
type KeyFunc func(verificationMethod string) (ed25519.PublicKey, error)

// Sign adds an eddsa-jcs-2022 proof to doc, a JSON object without one, and returns the
// secured document (compact JSON, members in key order). It follows §3.3.1 Create Proof:
// the proof carries the document's @context.
func Sign(doc []byte, opts Options, key ed25519.PrivateKey) ([]byte, error) {
	members, err := objectMembers(doc)
	if err != nil {
		return nil, err
	}
	if _, ok := members["proof"]; ok {
		return nil, errors.New("dataintegrity: the document already has a proof")
	}
	if opts.VerificationMethod == "" || opts.Created.IsZero() {
		return nil, errors.New("dataintegrity: a proof needs a verification method and a creation time")
	}
	if opts.Purpose == "" {
		opts.Purpose = AssertionMethod
	}
	proof := map[string]json.RawMessage{
		"type":               mustJSON(ProofType),
		"cryptosuite":        mustJSON(Cryptosuite),
		"created":            mustJSON(opts.Created.UTC().Format(time.RFC3339)),
		"verificationMethod": mustJSON(opts.VerificationMethod),
		"proofPurpose":       mustJSON(opts.Purpose),
	}
	if ctx, ok := members["@context"]; ok {
		proof["@context"] = ctx
	}
	hash, err := hashData(members, proof)
	if err != nil {
		return nil, err
	}
	proof["proofValue"] = mustJSON(EncodeBase58(ed25519.Sign(key, hash)))
	members["proof"] = mustJSON(proof)
	return json.Marshal(members)
}

// Verify checks the eddsa-jcs-2022 proof of a secured document by §3.3.2 Verify Proof and
// returns what the proof states. The proof must have the given purpose; key resolves its
// verification method. A document whose proof does not match is ErrSignature; any other
// error means the proof could not be checked at all (missing, malformed, unknown key).
func Verify(doc []byte, purpose string, key KeyFunc) (Proof, error) {
	if _, err := jcs.Canonicalize(doc); err != nil { // duplicate keys, lone surrogates…
		return Proof{}, fmt.Errorf("dataintegrity: %w", err)
	}
	unsecured, err := objectMembers(doc)
	if err != nil {
		return Proof{}, err
	}
	options, err := proofOf(unsecured)
	if err != nil {
		return Proof{}, err
	}
	delete(unsecured, "proof")
	var p Proof
	var proofValue string
	if err := stringMember(options, "proofValue", &proofValue); err != nil {
		return p, err
	}
	delete(options, "proofValue")
	var typ, suite string
	if err := stringMember(options, "type", &typ); err != nil {
		return p, err
	}
	if err := stringMember(options, "cryptosuite", &suite); err != nil {
		return p, err
	}
	if typ != ProofType || suite != Cryptosuite {
		return p, fmt.Errorf("dataintegrity: proof is %s/%s, not %s/%s", typ, suite, ProofType, Cryptosuite)
	}
	if err := stringMember(options, "verificationMethod", &p.VerificationMethod); err != nil {
		return p, err
	}
	if err := stringMember(options, "proofPurpose", &p.Purpose); err != nil {
		return p, err
	}
	if p.Purpose != purpose {
		return p, fmt.Errorf("dataintegrity: proof purpose is %q, not %q", p.Purpose, purpose)
	}
	if _, ok := options["created"]; ok {
		var created string
		if err := stringMember(options, "created", &created); err != nil {
			return p, err
		}
		if p.Created, err = time.Parse(time.RFC3339, created); err != nil {
			return p, fmt.Errorf("dataintegrity: created %q is not a date and time", created)
		}
	}
	if ctx, ok := options["@context"]; ok {
		if err := contextStartsWith(unsecured["@context"], ctx); err != nil {
			return p, err
		}
		unsecured["@context"] = ctx
	}
	signature, err := DecodeBase58(proofValue)
	if err != nil || len(signature) != ed25519.SignatureSize {
		return p, errors.New("dataintegrity: proofValue is not a base58btc Ed25519 signature")
	}
	pub, err := key(p.VerificationMethod)
	if err != nil {
		return p, err
	}
	hash, err := hashData(unsecured, options)
	if err != nil {
		return p, err
	}
	if !ed25519.Verify(pub, hash, signature) {
		return p, ErrSignature
	}
	return p, nil
}

// hashData is §3.3.3–3.3.5: JCS of the proof configuration (the options with the
// document's @context) and of the document, SHA-256 of each, configuration hash first.
func hashData(document, options map[string]json.RawMessage) ([]byte, error) {
	config := make(map[string]json.RawMessage, len(options)+1)
	for k, v := range options {
		config[k] = v
	}
	delete(config, "@context")
	if ctx, ok := document["@context"]; ok {
		config["@context"] = ctx
	}
	canonicalConfig, err := canonical(config)
	if err != nil {
		return nil, err
	}
	canonicalDoc, err := canonical(document)
	if err != nil {
		return nil, err
	}
	configHash, docHash := sha256.Sum256(canonicalConfig), sha256.Sum256(canonicalDoc)
	return append(configHash[:], docHash[:]...), nil
}

func canonical(members map[string]json.RawMessage) ([]byte, error) {
	data, err := json.Marshal(members)
	if err != nil {
		return nil, err
	}
	return jcs.Canonicalize(data)
}

// objectMembers splits a JSON object into its members.
func objectMembers(doc []byte) (map[string]json.RawMessage, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(doc, &members); err != nil || members == nil {
		return nil, errors.New("dataintegrity: the document is not a JSON object")
	}
	return members, nil
}

// proofOf returns the document's one proof: an object, or an array holding one object.
func proofOf(doc map[string]json.RawMessage) (map[string]json.RawMessage, error) {
	raw, ok := doc["proof"]
	if !ok {
		return nil, errors.New("dataintegrity: the document has no proof")
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var set []json.RawMessage
		if err := json.Unmarshal(raw, &set); err != nil || len(set) != 1 {
			return nil, errors.New("dataintegrity: only a single proof is supported")
		}
		raw = set[0]
	}
	var proof map[string]json.RawMessage
	if err := json.Unmarshal(raw, &proof); err != nil || proof == nil {
		return nil, errors.New("dataintegrity: the proof is not an object")
	}
	return proof, nil
}

func stringMember(m map[string]json.RawMessage, name string, dst *string) error {
	raw, ok := m[name]
	if !ok {
		return fmt.Errorf("dataintegrity: the proof has no %s", name)
	}
	if err := json.Unmarshal(raw, dst); err != nil || *dst == "" {
		return fmt.Errorf("dataintegrity: the proof's %s is not a string", name)
	}
	return nil
}

// contextStartsWith is §3.3.2 step 4.1: the document's @context must begin with the
// proof's, value by value and in order.
func contextStartsWith(docContext, proofContext json.RawMessage) error {
	doc, proof := contextList(docContext), contextList(proofContext)
	if len(proof) > len(doc) {
		return errors.New("dataintegrity: the document's @context does not start with the proof's")
	}
	for i := range proof {
		a, errA := jcs.Canonicalize(doc[i])
		b, errB := jcs.Canonicalize(proof[i])
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			return errors.New("dataintegrity: the document's @context does not start with the proof's")
		}
	}
	return nil
}

func contextList(raw json.RawMessage) []json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var list []json.RawMessage
	if raw[0] == '[' && json.Unmarshal(raw, &list) == nil {
		return list
	}
	return []json.RawMessage{raw}
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
