package badges

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/badges/dataintegrity"
	"github.com/academy-platform/academy/internal/badges/openbadges"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Status is the outcome of verifying a badge.
type Status string

// The outcomes.
const (
	// Valid: the proof verifies with a key of the issuer, the credential is a well-formed
	// Open Badges 3.0 credential, and it is not revoked.
	Valid Status = "valid"
	// Revoked: a genuine badge that its issuer revoked.
	Revoked Status = "revoked"
	// Invalid: not a genuine, well-formed badge of this Academy (tampered with, signed by
	// another key, malformed, or not yet valid).
	Invalid Status = "invalid"
)

// Verification is what verifying a badge found.
type Verification struct {
	Status Status
	// Problems say why a badge is invalid.
	Problems []string
	// The credential's statements, when it could be read.
	IssuerID, IssuerName string
	Achievement          string
	Description          string
	Criteria             string
	Alignments           []string
	// Language is the language the credential states the achievement in.
	Language  string
	ValidFrom time.Time
	// Key is the verification method of the proof that verified.
	Key string
}

// Verify verifies a stored badge as an outside verifier would verify its credential (see
// VerifyDocument). A badge whose learner's data was erased has no credential any more and
// is revoked.
func (s *Store) Verify(ctx context.Context, badgeID string) (Verification, error) {
	b, err := s.Badge(ctx, badgeID)
	if err != nil {
		return Verification{}, err
	}
	if b.Erased || b.Credential == nil {
		return Verification{Status: Revoked}, nil
	}
	v, err := s.VerifyDocument(ctx, b.Credential)
	if err != nil {
		return v, err
	}
	var head struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(b.Credential, &head)
	if v.Status != Invalid && head.ID != b.URL {
		v.Status, v.Problems = Invalid, append(v.Problems, "the credential is not the one published at "+b.URL)
	}
	return v, nil
}

// credentialView is the part of a credential verification reads.
type credentialView struct {
	ValidFrom string `json:"validFrom"`
	Issuer    struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"issuer"`
	CredentialSubject struct {
		Achievement struct {
			Name        string `json:"name"`
			Description string `json:"description"`
			InLanguage  string `json:"inLanguage"`
			Criteria    struct {
				Narrative string `json:"narrative"`
			} `json:"criteria"`
			Alignment []struct {
				TargetName string `json:"targetName"`
			} `json:"alignment"`
		} `json:"achievement"`
	} `json:"credentialSubject"`
	CredentialStatus *openbadges.StatusEntry `json:"credentialStatus"`
}

// VerifyDocument verifies an OpenBadgeCredential of this Academy: the issuer is one of its
// organisations; the proof is an eddsa-jcs-2022 Data Integrity proof for assertion by a
// key the issuer's profile publishes, and the signature matches; the document has every
// property Open Badges 3.0 requires; it is valid already; and its bit in the issuer's
// revocation list is not set. The error is for failures to check (the database), never
// for a bad document, which is Invalid with its problems.
func (s *Store) VerifyDocument(ctx context.Context, doc []byte) (Verification, error) {
	v := Verification{Status: Invalid}
	var cv credentialView
	if err := json.Unmarshal(doc, &cv); err != nil {
		v.Problems = append(v.Problems, "the credential is not a JSON object")
		return v, nil
	}
	a := cv.CredentialSubject.Achievement
	v.IssuerID, v.IssuerName, v.Achievement, v.Description, v.Criteria = cv.Issuer.ID, cv.Issuer.Name, a.Name, a.Description, a.Criteria.Narrative
	v.Language = a.InLanguage
	for _, al := range a.Alignment {
		v.Alignments = append(v.Alignments, al.TargetName)
	}
	v.ValidFrom, _ = time.Parse(time.RFC3339, cv.ValidFrom)
	if err := openbadges.Check(doc); err != nil {
		var p openbadges.Problems
		if errors.As(err, &p) {
			v.Problems = append(v.Problems, p...)
		} else {
			v.Problems = append(v.Problems, err.Error())
		}
	}
	orgID, ok := s.issuerOrg(cv.Issuer.ID)
	if !ok {
		v.Problems = append(v.Problems, "the issuer is not an organisation of this Academy")
		return v, nil
	}
	var keyErr error
	proof, err := dataintegrity.Verify(doc, dataintegrity.AssertionMethod, func(vm string) (ed25519.PublicKey, error) {
		n, ok := s.keyNumber(orgID, vm)
		if !ok {
			return nil, fmt.Errorf("the proof's key %s is not one of the issuer's", vm)
		}
		pub, err := s.publicKey(ctx, orgID, n)
		if err != nil && !errors.Is(err, errs.ErrNotFound) {
			keyErr = err
		}
		return pub, err
	})
	if keyErr != nil {
		return v, keyErr
	}
	if err != nil {
		v.Problems = append(v.Problems, err.Error())
		return v, nil
	}
	v.Key = proof.VerificationMethod
	if v.ValidFrom.After(s.now()) {
		v.Problems = append(v.Problems, "the credential is not valid yet")
	}
	if len(v.Problems) > 0 {
		return v, nil
	}
	revoked, err := s.statusSet(ctx, orgID, cv.CredentialStatus)
	var foreign foreignStatus
	switch {
	case errors.As(err, &foreign):
		v.Problems = append(v.Problems, err.Error())
	case err != nil:
		return v, err
	case revoked:
		v.Status = Revoked
	default:
		v.Status = Valid
	}
	return v, nil
}

// issuerOrg returns the organisation whose issuer id is id.
func (s *Store) issuerOrg(id string) (string, bool) {
	rest, ok := strings.CutPrefix(id, s.cfg.BaseURL+"/orgs/")
	if !ok {
		return "", false
	}
	orgID, ok := strings.CutSuffix(rest, "/issuer")
	return orgID, ok && identity.ValidID(orgID)
}

// keyNumber returns N of a verification method {issuer}#key-N of the organisation.
func (s *Store) keyNumber(orgID, vm string) (int, bool) {
	rest, ok := strings.CutPrefix(vm, s.IssuerURL(orgID)+"#key-")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n > 0 && strconv.Itoa(n) == rest
}

// statusSet reads the credential's bit in its issuer's revocation list.
func (s *Store) statusSet(ctx context.Context, orgID string, entry *openbadges.StatusEntry) (bool, error) {
	if entry == nil {
		return false, nil
	}
	index, err := strconv.Atoi(entry.StatusListIndex)
	if err != nil || entry.StatusListCredential != s.StatusListURL(orgID) || entry.StatusPurpose != "revocation" {
		return false, foreignStatus(entry.StatusListCredential)
	}
	var n int64
	err = s.conn(ctx).Model(&badgeRow{}).Where("organisation_id = ? AND status_index = ? AND revoked_at IS NOT NULL", orgID, index).
		Count(&n).Error
	return n > 0, err
}

// foreignStatus: a credential's status entry is not a revocation entry of its issuer's list.
type foreignStatus string

func (f foreignStatus) Error() string {
	return "the credential's status is not a revocation entry of its issuer's list " + string(f)
}
