package assessment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// Loaded is what became of one instrument file.
type Loaded struct {
	File    string `json:"file"`
	ID      string `json:"id"`
	Key     string `json:"key"`
	Version int    `json:"version"`
	// Created is false when the same version with the same content was already stored.
	Created bool `json:"created"`
}

// LoadInstruments stores the built-in instruments: every *.yaml or *.yml file at the root
// of fsys (use fs.Sub for a folder, e.g. the seed's "instruments"). All files are parsed
// first; if any is invalid, the error lists every problem of every file (an
// *instrument.Error) and nothing is stored. Otherwise each file is added as by
// AddInstrument with no organisation, all in one transaction, so loading the same files
// again changes nothing.
func (s *Store) LoadInstruments(ctx context.Context, fsys fs.FS) ([]Loaded, error) {
	names, err := instrumentFiles(fsys)
	if err != nil {
		return nil, err
	}
	defs := make([]*instrument.Definition, len(names))
	var problems []instrument.Problem
	for i, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		defs[i], err = instrument.Parse(data, name)
		var perr *instrument.Error
		if errors.As(err, &perr) {
			problems = append(problems, perr.Problems...)
		} else if err != nil {
			return nil, err
		}
	}
	if len(problems) > 0 {
		return nil, &instrument.Error{Subject: "instrument", Problems: problems}
	}
	out := make([]Loaded, len(names))
	err = s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		for i, def := range defs {
			var err error
			out[i], err = s.addInstrument(tx, def, names[i], "")
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// instrumentFiles lists the YAML files at the root of fsys, sorted.
func instrumentFiles(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("list instruments: %w", err)
	}
	var names []string
	for _, e := range entries {
		if ext := path.Ext(e.Name()); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}

// AddInstrument parses an instrument file and stores it as a version of the instrument
// with its id (the key), owned by the organisation orgID, or built-in when orgID is "".
//
//   - A file whose version is not yet stored is stored when its version is higher than
//     every stored one: created is true.
//   - A file identical (same hash) to the stored version with its number changes nothing:
//     created is false. The same version number with different content is an
//     errs.ErrConflict asking the author to bump the version, and so is a version number
//     lower than the latest stored one.
//   - A custom instrument cannot take the key of a built-in one, nor the reverse
//     (errs.ErrConflict); two organisations may use the same key for their own.
//
// An invalid file gives an *instrument.Error (which unwraps to *errs.ValidationError)
// listing every problem as file:line: reason; an unknown organisation gives
// errs.ErrNotFound.
func (s *Store) AddInstrument(ctx context.Context, data []byte, fileName, orgID string) (id string, version int, created bool, err error) {
	def, err := instrument.Parse(data, fileName)
	if err != nil {
		return "", 0, false, err
	}
	var res Loaded
	err = s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		res, err = s.addInstrument(tx, def, fileName, orgID)
		return err
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// Another request stored this version meanwhile: answer as if it had been first.
		err = s.conn(ctx).Transaction(func(tx *gorm.DB) error {
			res, err = s.addInstrument(tx, def, fileName, orgID)
			return err
		})
	}
	return res.ID, res.Version, res.Created, err
}

func (s *Store) addInstrument(tx *gorm.DB, def *instrument.Definition, fileName, orgID string) (Loaded, error) {
	res := Loaded{File: fileName, Key: def.ID, Version: def.Version}
	if err := s.checkOwner(tx, def.ID, orgID); err != nil {
		return res, fmt.Errorf("%s: %w", fileName, err)
	}
	var latest instrumentRow
	err := ownedBy(tx.Select("id", "version", "hash").Where("key = ?", def.ID), orgID).
		Order("version DESC").Limit(1).Take(&latest).Error
	hash := def.Hash()
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
	case err != nil:
		return res, err
	case def.Version == latest.Version && hash == latest.Hash:
		res.ID = latest.ID
		return res, nil
	case def.Version == latest.Version:
		return res, fmt.Errorf("%s: %w: version %d of %q is already stored with different content; give the changed instrument version %d",
			fileName, errs.ErrConflict, def.Version, def.ID, latest.Version+1)
	case def.Version < latest.Version:
		return res, fmt.Errorf("%s: %w: version %d of %q is older than the stored version %d; give the changed instrument version %d",
			fileName, errs.ErrConflict, def.Version, def.ID, latest.Version, latest.Version+1)
	}
	row, err := newInstrumentRow(def, hash, orgID)
	if err != nil {
		return res, err
	}
	row.CreatedAt = s.now()
	if err := tx.Create(&row).Error; err != nil {
		return res, err
	}
	s.defs.Store(row.ID, def)
	res.ID, res.Created = row.ID, true
	return res, nil
}

// checkOwner refuses a key that is built-in when orgID is an organisation, or used by an
// organisation when orgID is "" (built-in), and an organisation that does not exist.
func (s *Store) checkOwner(tx *gorm.DB, key, orgID string) error {
	if orgID != "" {
		var n int64
		if err := tx.Table("organisations").Where("id = ?", orgID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("organisation %q: %w", orgID, errs.ErrNotFound)
		}
	}
	var n int64
	q := tx.Model(&instrumentRow{}).Where("key = ?", key)
	if orgID == "" {
		q = q.Where("organisation_id IS NOT NULL")
	} else {
		q = q.Where("organisation_id IS NULL")
	}
	if err := q.Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		if orgID == "" {
			return fmt.Errorf("%w: an organisation already uses the instrument id %q", errs.ErrConflict, key)
		}
		return fmt.Errorf("%w: %q is the id of a built-in instrument; choose another id", errs.ErrConflict, key)
	}
	return nil
}

func newInstrumentRow(def *instrument.Definition, hash, orgID string) (instrumentRow, error) {
	body, err := json.Marshal(def)
	if err != nil {
		return instrumentRow{}, err
	}
	title, err := json.Marshal(def.Title)
	if err != nil {
		return instrumentRow{}, err
	}
	return instrumentRow{
		ID: identity.NewID(), Key: def.ID, Version: def.Version, OrganisationID: optional(orgID),
		Title: string(title), Audience: string(def.Audience), Languages: strings.Join(def.Languages, ","),
		Hash: hash, Definition: string(body),
	}, nil
}
