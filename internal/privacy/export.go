package privacy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/academy-platform/academy/internal/identity"
)

// Format and Version name the download's format (docs/privacy.md describes every field).
// Version changes when a field changes meaning or goes away; new fields and sections may
// appear within a version.
const (
	Format  = "academy-personal-data"
	Version = 1
)

// Document is everything Academy keeps about one person, as they may download it.
type Document struct {
	GeneratedAt time.Time
	Profile     identity.PersonalProfile
	// Sections are the domains' parts, in the order the Service was given them.
	Sections []DocumentSection
}

// DocumentSection is one domain's part of a Document.
type DocumentSection struct {
	Key  string
	Data any
}

// Export gathers the person's data from every domain. errs.ErrNotFound for an unknown or
// erased account. The caller checks that the reader is the person.
func (s *Service) Export(ctx context.Context, userID string) (Document, error) {
	profile, err := s.people.ExportUser(ctx, userID)
	if err != nil {
		return Document{}, err
	}
	doc := Document{GeneratedAt: s.now(), Profile: profile}
	for _, p := range s.parts {
		if p.export == nil {
			continue
		}
		data, err := p.export(ctx, userID)
		if err != nil {
			return Document{}, fmt.Errorf("export %s of %s: %w", p.key, userID, err)
		}
		doc.Sections = append(doc.Sections, DocumentSection{Key: p.key, Data: data})
	}
	return doc, nil
}

// MarshalJSON writes the document with its fields in a fixed order: format, version,
// generated_at, profile, then the sections.
func (d Document) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	write := func(key string, v any) error {
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(key)
		buf.Write(k)
		buf.WriteByte(':')
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("section %s: %w", key, err)
		}
		buf.Write(b)
		return nil
	}
	fields := []DocumentSection{{"format", Format}, {"version", Version}, {"generated_at", d.GeneratedAt}, {"profile", d.Profile}}
	for _, f := range append(fields, d.Sections...) {
		if err := write(f.Key, f.Data); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// FileName is the name the download is saved under.
func (d Document) FileName() string {
	return "academy-personal-data-" + d.GeneratedAt.Format("2006-01-02") + ".json"
}
