package badges

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/badges/dataintegrity"
	"github.com/academy-platform/academy/internal/badges/openbadges"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// issuerProfile is an organisation's issuer document: its Open Badges Profile and, as a
// controller document, every key it ever signed with (Multikey verification methods, each
// allowed for assertions).
type issuerProfile struct {
	Context            []string             `json:"@context"`
	ID                 string               `json:"id"`
	Type               []string             `json:"type"`
	Name               string               `json:"name"`
	URL                string               `json:"url"`
	VerificationMethod []verificationMethod `json:"verificationMethod"`
	AssertionMethod    []string             `json:"assertionMethod"`
}

type verificationMethod struct {
	ID                 string `json:"id"`
	Type               string `json:"type"`
	Controller         string `json:"controller"`
	PublicKeyMultibase string `json:"publicKeyMultibase"`
}

// IssuerProfile returns the organisation's issuer profile document (JSON-LD), which
// dereferences the issuer id and the verification method of every badge it issued.
func (s *Store) IssuerProfile(ctx context.Context, orgID string) ([]byte, error) {
	name, err := s.orgName(ctx, orgID)
	if err != nil {
		return nil, err
	}
	keys, err := s.Keys(ctx, orgID)
	if err != nil {
		return nil, err
	}
	p := issuerProfile{Context: []string{openbadges.ContextVC, openbadges.ContextOB, openbadges.ContextCID},
		ID: s.IssuerURL(orgID), Type: []string{"Profile"}, Name: name, URL: s.cfg.BaseURL,
		VerificationMethod: []verificationMethod{}, AssertionMethod: []string{}}
	for _, k := range keys {
		p.VerificationMethod = append(p.VerificationMethod, verificationMethod{ID: k.ID, Type: "Multikey",
			Controller: p.ID, PublicKeyMultibase: k.PublicKeyMultibase})
		p.AssertionMethod = append(p.AssertionMethod, k.ID)
	}
	return json.Marshal(p)
}

func (s *Store) orgName(ctx context.Context, orgID string) (string, error) {
	if !identity.ValidID(orgID) {
		return "", fmt.Errorf("organisation %q: %w", orgID, errs.ErrNotFound)
	}
	var name string
	err := s.conn(ctx).Table("organisations").Select("name").Where("id = ?", orgID).Take(&name).Error
	if err != nil {
		return "", notFound(err, "organisation "+orgID)
	}
	return name, nil
}

// StatusList returns the organisation's revocation list: a BitstringStatusListCredential,
// signed now with the organisation's current key, whose bit i is set when the badge with
// status index i is revoked. An organisation that never issued a badge has none
// (errs.ErrNotFound).
func (s *Store) StatusList(ctx context.Context, orgID string) ([]byte, error) {
	if _, err := s.orgName(ctx, orgID); err != nil {
		return nil, err
	}
	key, err := newestKey(s.conn(ctx), orgID)
	if err != nil {
		return nil, notFound(err, "revocation list of "+orgID)
	}
	priv, err := s.open(key)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		StatusIndex int
		Revoked     bool
	}
	if err := s.conn(ctx).Model(&badgeRow{}).Select("status_index, revoked_at IS NOT NULL AS revoked").
		Where("organisation_id = ?", orgID).Scan(&rows).Error; err != nil {
		return nil, err
	}
	size := listSize(len(rows))
	for _, r := range rows {
		size = max(size, r.StatusIndex+1)
	}
	bits := openbadges.NewBitstring(size)
	for _, r := range rows {
		if r.Revoked {
			bits.Set(r.StatusIndex)
		}
	}
	now := s.now()
	list := openbadges.StatusListCredential{Context: []string{openbadges.ContextVC}, ID: s.StatusListURL(orgID),
		Type: []string{"VerifiableCredential", "BitstringStatusListCredential"}, Issuer: s.IssuerURL(orgID),
		ValidFrom: now.Format(time.RFC3339),
		CredentialSubject: openbadges.StatusListSubject{ID: s.StatusListURL(orgID) + "#list", Type: "BitstringStatusList",
			StatusPurpose: "revocation", EncodedList: bits.Encode()}}
	doc, err := json.Marshal(list)
	if err != nil {
		return nil, err
	}
	return dataintegrity.Sign(doc, dataintegrity.Options{VerificationMethod: s.keyURL(orgID, key.Number), Created: now}, priv)
}
