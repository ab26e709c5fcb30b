// Package openbadges is the Open Badges 3.0 data model as Academy issues it: the
// OpenBadgeCredential (a W3C Verifiable Credential 2.0) with its issuer Profile,
// AchievementSubject, Achievement and Alignments; the learner identified by a salted hash
// of their email; revocation through a W3C Bitstring Status List; and Check, which says
// whether a JSON document has the fields the 3.0 data model requires, well formed. It is
// pure: no database, no HTTP.
package openbadges

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strings"
)

// The identifiers a credential refers to.
const (
	ContextVC = "https://www.w3.org/ns/credentials/v2"
	ContextOB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
	// ContextCID defines the verification methods (Multikey) of an issuer's profile.
	ContextCID = "https://www.w3.org/ns/cid/v1"
	// SchemaURL is 1EdTech's JSON Schema of an OpenBadgeCredential.
	SchemaURL  = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
	SchemaType = "1EdTechJsonSchemaValidator2019"
)

// Credential is an OpenBadgeCredential without its proof.
type Credential struct {
	Context           []string     `json:"@context"`
	ID                string       `json:"id"`
	Type              []string     `json:"type"`
	Name              string       `json:"name"`
	Description       string       `json:"description,omitempty"`
	Issuer            Profile      `json:"issuer"`
	ValidFrom         string       `json:"validFrom"`
	AwardedDate       string       `json:"awardedDate,omitempty"`
	CredentialSubject Subject      `json:"credentialSubject"`
	CredentialSchema  []Schema     `json:"credentialSchema,omitempty"`
	CredentialStatus  *StatusEntry `json:"credentialStatus,omitempty"`
}

// NewCredential returns a credential with the contexts, types and schema every
// OpenBadgeCredential has.
func NewCredential() Credential {
	return Credential{
		Context:          []string{ContextVC, ContextOB},
		Type:             []string{"VerifiableCredential", "OpenBadgeCredential"},
		CredentialSchema: []Schema{{ID: SchemaURL, Type: SchemaType}},
	}
}

// Profile is the issuer: an organisation, identified by the URL of its profile document.
type Profile struct {
	ID   string   `json:"id"`
	Type []string `json:"type"`
	Name string   `json:"name"`
	URL  string   `json:"url,omitempty"`
}

// Subject is the AchievementSubject: who achieved what.
type Subject struct {
	Type        []string         `json:"type"`
	Identifier  []IdentityObject `json:"identifier"`
	Achievement Achievement      `json:"achievement"`
}

// IdentityObject identifies the learner without disclosing them: a salted SHA-256 of
// their email address, which someone who knows the address can check.
type IdentityObject struct {
	Type         string `json:"type"`
	IdentityHash string `json:"identityHash"`
	IdentityType string `json:"identityType"`
	Hashed       bool   `json:"hashed"`
	Salt         string `json:"salt"`
}

// Achievement is what was achieved, and how it is earned.
type Achievement struct {
	ID              string      `json:"id"`
	Type            []string    `json:"type"`
	Name            string      `json:"name"`
	Description     string      `json:"description"`
	Criteria        Criteria    `json:"criteria"`
	AchievementType string      `json:"achievementType,omitempty"`
	InLanguage      string      `json:"inLanguage,omitempty"`
	Alignment       []Alignment `json:"alignment,omitempty"`
}

// Criteria says how the achievement is earned.
type Criteria struct {
	ID        string `json:"id,omitempty"`
	Narrative string `json:"narrative,omitempty"`
}

// Alignment points from an achievement to a competency it develops.
type Alignment struct {
	Type              []string `json:"type"`
	TargetName        string   `json:"targetName"`
	TargetURL         string   `json:"targetUrl"`
	TargetDescription string   `json:"targetDescription,omitempty"`
	TargetCode        string   `json:"targetCode,omitempty"`
	TargetFramework   string   `json:"targetFramework,omitempty"`
	TargetType        string   `json:"targetType,omitempty"`
}

// Schema names a JSON Schema the credential conforms to.
type Schema struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// EmailIdentity identifies the owner of email by a salted hash, with a new random salt.
func EmailIdentity(email string) IdentityObject {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	salt := hex.EncodeToString(b)
	return IdentityObject{Type: "IdentityObject", IdentityType: "emailAddress", Hashed: true, Salt: salt,
		IdentityHash: IdentityHash(email, salt)}
}

// IdentityHash is Open Badges' IdentityHash of an email address: "sha256$" and the hex
// SHA-256 of the address (trimmed, lower case) followed by the salt, in UTF-8.
func IdentityHash(email, salt string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email)) + salt))
	return "sha256$" + hex.EncodeToString(sum[:])
}

// Matches reports whether the identity is the given email address.
func (o IdentityObject) Matches(email string) bool {
	if !o.Hashed {
		return strings.EqualFold(o.IdentityHash, strings.TrimSpace(email))
	}
	want := IdentityHash(email, o.Salt)
	return subtle.ConstantTimeCompare([]byte(strings.ToLower(o.IdentityHash)), []byte(want)) == 1
}
