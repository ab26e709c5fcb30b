package badges_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/badges/openbadges"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

func TestCompletingAModuleIssuesAVerifiableBadge(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		ana := f.user(org, "Ana.Lopez@acme.example", "en", identity.RoleLearner)
		b := f.earn(ana, "networking-is-giving")

		if b.UserID != ana || b.OrganisationID != org || b.Achievement != "networking-is-giving" || b.Revoked() ||
			b.URL != baseURL+"/badges/"+b.ID || b.Name.In("en") != "Networking is giving" {
			t.Fatalf("badge = %+v", b)
		}
		if err := openbadges.Check(b.Credential); err != nil {
			t.Fatalf("the credential misses required Open Badges 3.0 fields: %v", err)
		}
		v := f.verify(b.ID)
		if v.Status != badges.Valid || v.Key != baseURL+"/orgs/"+org+"/issuer#key-1" || v.IssuerName != "Acme S.L." ||
			v.Achievement != "Networking is giving" {
			t.Fatalf("verification = %+v", v)
		}
		// An outside verifier needs only the issuer's public profile.
		if _, err := f.verifyOutside(org, b.Credential); err != nil {
			t.Fatalf("verification with the published keys: %v", err)
		}

		var c struct {
			Context   []string `json:"@context"`
			ID        string   `json:"id"`
			Type      []string `json:"type"`
			ValidFrom string   `json:"validFrom"`
			Issuer    struct {
				ID   string   `json:"id"`
				Type []string `json:"type"`
				Name string   `json:"name"`
			} `json:"issuer"`
			CredentialSubject struct {
				Type        []string                    `json:"type"`
				Identifier  []openbadges.IdentityObject `json:"identifier"`
				Achievement openbadges.Achievement      `json:"achievement"`
			} `json:"credentialSubject"`
			CredentialStatus openbadges.StatusEntry `json:"credentialStatus"`
			Proof            map[string]any         `json:"proof"`
		}
		if err := json.Unmarshal(b.Credential, &c); err != nil {
			t.Fatal(err)
		}
		if strings.Join(c.Context, " ") != openbadges.ContextVC+" "+openbadges.ContextOB ||
			strings.Join(c.Type, " ") != "VerifiableCredential OpenBadgeCredential" || c.ID != b.URL {
			t.Errorf("header: %v %v %s", c.Context, c.Type, c.ID)
		}
		if c.ValidFrom != f.now.Add(-time.Hour).Format(time.RFC3339) {
			t.Errorf("validFrom %s is not when the module was completed", c.ValidFrom)
		}
		if c.Issuer.ID != baseURL+"/orgs/"+org+"/issuer" || c.Issuer.Name != "Acme S.L." || c.Issuer.Type[0] != "Profile" {
			t.Errorf("issuer = %+v", c.Issuer)
		}
		id := c.CredentialSubject.Identifier
		if len(id) != 1 || !id[0].Hashed || !id[0].Matches("ana.lopez@acme.example") || id[0].IdentityType != "emailAddress" {
			t.Errorf("recipient = %+v", id)
		}
		if strings.Contains(strings.ToLower(string(b.Credential)), "ana.lopez") || strings.Contains(string(b.Credential), "Person ") {
			t.Error("the credential discloses the learner's email or name")
		}
		a := c.CredentialSubject.Achievement
		if a.ID != baseURL+"/modules/networking-is-giving" || a.InLanguage != "en" || a.Criteria.Narrative != "Complete the module." ||
			a.AchievementType != "Course" || len(a.Alignment) != 2 {
			t.Fatalf("achievement = %+v", a)
		}
		al := a.Alignment[1]
		if al.TargetName != "Other-focus" || al.TargetURL != baseURL+"/competencies#other-focus" || al.TargetCode != "other-focus" ||
			al.TargetType != "ext:CompetencyDimension" || al.TargetFramework != "Academy's networking competency model" {
			t.Errorf("alignment = %+v", al)
		}
		st := c.CredentialStatus
		if st.Type != "BitstringStatusListEntry" || st.StatusPurpose != "revocation" ||
			st.StatusListCredential != baseURL+"/orgs/"+org+"/badges/status" || st.ID != st.StatusListCredential+"#"+st.StatusListIndex {
			t.Errorf("status = %+v", st)
		}
		if c.Proof["cryptosuite"] != "eddsa-jcs-2022" || c.Proof["created"] != f.now.Format(time.RFC3339) {
			t.Errorf("proof = %v", c.Proof)
		}

		// In Spanish for a Spanish-speaking learner.
		eva := f.user(org, "eva@acme.example", "es", identity.RoleLearner)
		if v := f.verify(f.earn(eva, "giving-first").ID); v.Achievement != "Dar primero" || len(v.Alignments) != 1 || v.Alignments[0] != "Dar primero" {
			t.Errorf("Spanish badge: %+v", v)
		}
	})
}

func TestRecordingIsIdempotentAndSelective(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		ana := f.user(org, "ana@acme.example", "es", identity.RoleLearner)
		first := f.earn(ana, "giving-first")
		f.record(completed(ana, "giving-first", f.now))
		list, err := f.store.ForUser(f.ctx, ana, badges.ListFilter{})
		if err != nil || len(list) != 1 || list[0].ID != first.ID || string(list[0].Credential) != string(first.Credential) {
			t.Fatalf("after recording the completion again: %d badges, %v", len(list), err)
		}
		// Other kinds of activity earn nothing; nor does a platform administrator.
		other := completed(ana, "other-focus", f.now)
		other.Kind = activity.LessonCompleted
		f.record(other)
		admin := f.user("", "root@academy.example", "es", identity.RoleAdmin)
		f.record(completed(admin, "giving-first", f.now))
		var n int64
		gdb.Table("badges").Count(&n)
		if n != 1 {
			t.Errorf("%d badges, want 1", n)
		}
		// A module the catalogue does not know still earns a badge, named by the event.
		b := f.earn(ana, "brand-new")
		if v := f.verify(b.ID); v.Status != badges.Valid || v.Achievement != "Módulo brand-new" {
			t.Errorf("badge of an unknown module: %+v", v)
		}
	})
}

// TestBadgeRollsBackWithTheCompletion: the badge is written in the caller's transaction,
// so a completion that does not commit leaves no badge (and no key) behind.
func TestBadgeRollsBackWithTheCompletion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		ana := f.user(f.org("acme"), "ana@acme.example", "es", identity.RoleLearner)
		boom := errors.New("the completion failed afterwards")
		err := gdb.Transaction(func(tx *gorm.DB) error {
			if err := f.store.Record(tx, completed(ana, "giving-first", f.now)); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		var badgesN, keysN int64
		gdb.Table("badges").Count(&badgesN)
		gdb.Table("badge_issuer_keys").Count(&keysN)
		if badgesN != 0 || keysN != 0 {
			t.Errorf("%d badges and %d keys left by a rolled-back completion", badgesN, keysN)
		}
	})
}

// TestTamperingWithAnyFieldBreaksVerification changes each value of a signed credential in
// turn (every string, number and boolean, at any depth) and expects verification to fail.
func TestTamperingWithAnyFieldBreaksVerification(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		b := f.earn(f.user(org, "ana@acme.example", "en", identity.RoleLearner), "networking-is-giving")
		var doc any
		if err := json.Unmarshal(b.Credential, &doc); err != nil {
			t.Fatal(err)
		}
		paths := 0
		for _, path := range leaves(doc, "") {
			if path == "/proof/proofValue" {
				continue // changing the signature is tested below
			}
			paths++
			var copy any
			_ = json.Unmarshal(b.Credential, &copy)
			tamper(copy, strings.Split(strings.TrimPrefix(path, "/"), "/"))
			changed, _ := json.Marshal(copy)
			v, err := f.store.VerifyDocument(f.ctx, changed)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if v.Status != badges.Invalid {
				t.Errorf("changing %s: %s, want invalid", path, v.Status)
			}
		}
		if paths < 40 {
			t.Fatalf("only %d values tampered with", paths)
		}
		// Removing a member, adding one, or another signature: invalid too.
		for name, edit := range map[string]func(m map[string]any){
			"removed description": func(m map[string]any) { delete(m, "description") },
			"added evidence":      func(m map[string]any) { m["evidence"] = []any{} },
			"other signature": func(m map[string]any) {
				p := m["proof"].(map[string]any)
				v := []byte(p["proofValue"].(string))
				v[5] = map[bool]byte{true: 'y', false: 'x'}[v[5] == 'x']
				p["proofValue"] = string(v)
			},
		} {
			var m map[string]any
			_ = json.Unmarshal(b.Credential, &m)
			edit(m)
			changed, _ := json.Marshal(m)
			if v, _ := f.store.VerifyDocument(f.ctx, changed); v.Status != badges.Invalid {
				t.Errorf("%s: %s", name, v.Status)
			}
		}
		// Tampering with the stored credential shows on its public verification.
		gdb.Table("badges").Where("id = ?", b.ID).Update("credential",
			strings.Replace(string(b.Credential), "Networking is giving", "Networking mastery", -1))
		if v := f.verify(b.ID); v.Status != badges.Invalid || len(v.Problems) == 0 {
			t.Errorf("stored credential tampered with: %+v", v)
		}
	})
}

// leaves lists the JSON pointer of every scalar in v.
func leaves(v any, path string) []string {
	switch t := v.(type) {
	case map[string]any:
		var out []string
		for k, c := range t {
			out = append(out, leaves(c, path+"/"+k)...)
		}
		return out
	case []any:
		var out []string
		for i, c := range t {
			out = append(out, leaves(c, path+"/"+strconv.Itoa(i))...)
		}
		return out
	}
	return []string{path}
}

// tamper changes the scalar at path.
func tamper(v any, path []string) {
	set := func(old any) any {
		switch o := old.(type) {
		case string:
			return o + "x"
		case float64:
			return o + 1
		case bool:
			return !o
		}
		return "x"
	}
	switch t := v.(type) {
	case map[string]any:
		if len(path) == 1 {
			t[path[0]] = set(t[path[0]])
			return
		}
		tamper(t[path[0]], path[1:])
	case []any:
		i, _ := strconv.Atoi(path[0])
		if len(path) == 1 {
			t[i] = set(t[i])
			return
		}
		tamper(t[i], path[1:])
	}
}

func TestRevocation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		admin := f.user(org, "admin@acme.example", "es", identity.RoleOrgAdmin)
		ana := f.user(org, "ana@acme.example", "es", identity.RoleLearner)
		b := f.earn(ana, "giving-first")
		kept := f.earn(f.user(org, "eva@acme.example", "es", identity.RoleLearner), "giving-first")

		for _, reason := range []string{"", "   ", strings.Repeat("x", 501)} {
			err := f.store.Revoke(f.ctx, b.ID, admin, badges.RevokeInput{Reason: reason})
			if v, ok := errs.AsValidation(err); !ok || len(v.Fields) != 1 || v.Fields[0].Field != "reason" {
				t.Errorf("reason %q: %v, want a validation error on reason", reason, err)
			}
		}
		if v := f.verify(b.ID); v.Status != badges.Valid {
			t.Fatalf("a refused revocation changed the badge: %s", v.Status)
		}
		if err := f.store.Revoke(f.ctx, b.ID, admin, badges.RevokeInput{Reason: "Issued by mistake"}); err != nil {
			t.Fatal(err)
		}
		if err := f.store.Revoke(f.ctx, b.ID, admin, badges.RevokeInput{Reason: "again"}); !errors.Is(err, errs.ErrConflict) {
			t.Errorf("revoking twice: %v, want a conflict", err)
		}
		if err := f.store.Revoke(f.ctx, "0190a000-0000-7000-8000-000000000000", admin, badges.RevokeInput{Reason: "x"}); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("revoking an unknown badge: %v", err)
		}
		got, _ := f.store.Badge(f.ctx, b.ID)
		if !got.Revoked() || got.RevocationReason != "Issued by mistake" || !got.RevokedAt.Equal(f.now) {
			t.Errorf("revoked badge = %+v", got)
		}
		if v := f.verify(b.ID); v.Status != badges.Revoked {
			t.Errorf("revoked badge verifies as %s", v.Status)
		}
		if v := f.verify(kept.ID); v.Status != badges.Valid {
			t.Errorf("another learner's badge verifies as %s", v.Status)
		}

		// The published revocation list is signed by the issuer and has exactly that bit set.
		list, err := f.store.StatusList(f.ctx, org)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.verifyOutside(org, list); err != nil {
			t.Fatalf("the revocation list does not verify: %v", err)
		}
		var lc openbadges.StatusListCredential
		if err := json.Unmarshal(list, &lc); err != nil {
			t.Fatal(err)
		}
		if lc.ID != baseURL+"/orgs/"+org+"/badges/status" || lc.Issuer != baseURL+"/orgs/"+org+"/issuer" ||
			lc.CredentialSubject.Type != "BitstringStatusList" || lc.CredentialSubject.StatusPurpose != "revocation" ||
			strings.Join(lc.Type, " ") != "VerifiableCredential BitstringStatusListCredential" {
			t.Errorf("status list = %+v", lc)
		}
		bits, err := openbadges.DecodeBitstring(lc.CredentialSubject.EncodedList)
		if err != nil {
			t.Fatal(err)
		}
		index := func(b badges.Badge) int {
			var c struct {
				CredentialStatus openbadges.StatusEntry `json:"credentialStatus"`
			}
			_ = json.Unmarshal(b.Credential, &c)
			i, _ := strconv.Atoi(c.CredentialStatus.StatusListIndex)
			return i
		}
		if len(bits)*8 < openbadges.MinStatusListBits || !bits.Get(index(b)) || bits.Get(index(kept)) {
			t.Errorf("list of %d bits: revoked bit %v, kept bit %v", len(bits)*8, bits.Get(index(b)), bits.Get(index(kept)))
		}
		set := 0
		for i := range len(bits) * 8 {
			if bits.Get(i) {
				set++
			}
		}
		if set != 1 {
			t.Errorf("%d bits set, want 1", set)
		}
		if _, err := f.store.StatusList(f.ctx, f.org("globex")); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("status list of an organisation that never issued: %v", err)
		}
	})
}

func TestKeyRotation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		before := f.earn(f.user(org, "ana@acme.example", "es", identity.RoleLearner), "giving-first")
		key, err := f.store.RotateKey(f.ctx, org)
		if err != nil {
			t.Fatal(err)
		}
		if key.Number != 2 || key.ID != baseURL+"/orgs/"+org+"/issuer#key-2" {
			t.Fatalf("new key = %+v", key)
		}
		after := f.earn(f.user(org, "eva@acme.example", "es", identity.RoleLearner), "giving-first")
		vb, va := f.verify(before.ID), f.verify(after.ID)
		if vb.Status != badges.Valid || !strings.HasSuffix(vb.Key, "#key-1") {
			t.Errorf("badge signed before the rotation: %+v", vb)
		}
		if va.Status != badges.Valid || !strings.HasSuffix(va.Key, "#key-2") {
			t.Errorf("badge signed after the rotation: %+v", va)
		}
		keys, err := f.store.Keys(f.ctx, org)
		if err != nil || len(keys) != 2 || keys[0].RetiredAt == nil || keys[1].RetiredAt != nil {
			t.Fatalf("keys = %+v, %v", keys, err)
		}
		if published := f.issuerKeys(org); len(published) != 2 {
			t.Errorf("the issuer profile publishes %d keys, want both", len(published))
		}
		for _, b := range []badges.Badge{before, after} {
			if _, err := f.verifyOutside(org, b.Credential); err != nil {
				t.Errorf("badge %s with the published keys: %v", b.ID, err)
			}
		}
		// A credential claiming the other key does not verify: each badge is bound to its key.
		forged := strings.Replace(string(before.Credential), "#key-1", "#key-2", -1)
		if v, _ := f.store.VerifyDocument(f.ctx, []byte(forged)); v.Status != badges.Invalid {
			t.Errorf("badge with its key swapped: %s", v.Status)
		}
		// A key the issuer never had, or another organisation's key, is refused.
		other := f.org("globex")
		f.earn(f.user(other, "g@globex.example", "es", identity.RoleLearner), "giving-first")
		for _, vm := range []string{"#key-3", "#key-01"} {
			doc := strings.Replace(string(before.Credential), "#key-1", vm, -1)
			if v, _ := f.store.VerifyDocument(f.ctx, []byte(doc)); v.Status != badges.Invalid {
				t.Errorf("key %s: %s", vm, v.Status)
			}
		}
		moved := strings.Replace(string(before.Credential), "/orgs/"+org+"/issuer", "/orgs/"+other+"/issuer", -1)
		if v, _ := f.store.VerifyDocument(f.ctx, []byte(moved)); v.Status != badges.Invalid {
			t.Errorf("badge claimed by another organisation: %s", v.Status)
		}
	})
}

// TestPrivateKeysAreSealed: the database holds no usable private key, and a store with
// another installation secret cannot sign.
func TestPrivateKeysAreSealed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		f.earn(f.user(org, "ana@acme.example", "es", identity.RoleLearner), "giving-first")
		profile, _ := f.store.IssuerProfile(f.ctx, org)
		var stored struct{ PrivateKey, PublicKey string }
		gdb.Table("badge_issuer_keys").Where("organisation_id = ?", org).Take(&stored)
		if stored.PrivateKey == "" || strings.Contains(string(profile), stored.PrivateKey) || strings.Contains(string(profile), "secret") {
			t.Fatalf("profile %s exposes the private key", profile)
		}
		other, err := badges.NewStore(gdb, badges.Config{BaseURL: baseURL, Secret: []byte("another installation's secret!!")})
		if err != nil {
			t.Fatal(err)
		}
		other.UseCatalogue(catalogue())
		eva := f.user(org, "eva@acme.example", "es", identity.RoleLearner)
		err = gdb.Transaction(func(tx *gorm.DB) error { return other.Record(tx, completed(eva, "giving-first", f.now)) })
		if err == nil {
			t.Error("a store with another secret signed with the organisation's key")
		}
		if _, err := badges.NewStore(gdb, badges.Config{BaseURL: baseURL}); err == nil {
			t.Error("a store without a secret was made")
		}
	})
}

// TestConcurrentFirstBadges: learners of a new organisation completing modules at the same
// time get one issuer key between them and distinct places in the revocation list.
func TestConcurrentFirstBadges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		var learners []string
		for i := range 6 {
			learners = append(learners, f.user(org, fmt.Sprintf("l%d@acme.example", i), "es", identity.RoleLearner))
		}
		var wg sync.WaitGroup
		errc := make(chan error, len(learners))
		for _, id := range learners {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errc <- gdb.Transaction(func(tx *gorm.DB) error { return f.store.Record(tx, completed(id, "giving-first", f.now)) })
			}()
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			if err != nil {
				t.Fatal(err)
			}
		}
		var keys, indexes int64
		gdb.Table("badge_issuer_keys").Count(&keys)
		gdb.Table("badges").Distinct("status_index").Count(&indexes)
		if keys != 1 || indexes != int64(len(learners)) {
			t.Errorf("%d keys and %d distinct indexes for %d badges", keys, indexes, len(learners))
		}
		for _, id := range learners {
			b, err := f.store.ForModule(f.ctx, id, "giving-first")
			if err != nil || f.verify(b.ID).Status != badges.Valid {
				t.Errorf("learner %s: %v", id, err)
			}
		}
	})
}

func TestShareNameAndPrivacy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		ana := f.user(org, "ana@acme.example", "es", identity.RoleLearner)
		eva := f.user(org, "eva@acme.example", "es", identity.RoleLearner)
		b := f.earn(ana, "giving-first")
		f.earn(ana, "networking-is-giving")
		evas := f.earn(eva, "giving-first")
		if b.ShareName {
			t.Error("a new badge shows its learner's name")
		}
		if err := f.store.SetShareName(f.ctx, b.ID, eva, true); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("someone else's choice: %v", err)
		}
		if err := f.store.SetShareName(f.ctx, b.ID, ana, true); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.store.Badge(f.ctx, b.ID); !got.ShareName {
			t.Error("the choice was not kept")
		}

		exported, err := f.store.ExportUser(f.ctx, ana)
		if err != nil || len(exported) != 2 || string(exported[0]) != string(b.Credential) {
			t.Fatalf("export: %d credentials, %v", len(exported), err)
		}

		err = gdb.Transaction(func(tx *gorm.DB) error { return f.store.EraseUser(tx, ana) })
		if err != nil {
			t.Fatal(err)
		}
		if list, _ := f.store.ForUser(f.ctx, ana, badges.ListFilter{}); len(list) != 0 {
			t.Errorf("%d badges still point at the erased learner", len(list))
		}
		if exported, _ := f.store.ExportUser(f.ctx, ana); len(exported) != 0 {
			t.Errorf("%d credentials exported after erasure", len(exported))
		}
		erased, _ := f.store.Badge(f.ctx, b.ID)
		if !erased.Erased || !erased.Revoked() || erased.Credential != nil || erased.UserID != "" || erased.ShareName {
			t.Errorf("erased badge = %+v", erased)
		}
		if v := f.verify(b.ID); v.Status != badges.Revoked {
			t.Errorf("erased badge verifies as %s", v.Status)
		}
		// A copy of the credential kept elsewhere verifies as revoked.
		if v, _ := f.store.VerifyDocument(f.ctx, b.Credential); v.Status != badges.Revoked {
			t.Errorf("copy of the erased learner's credential: %s", v.Status)
		}
		var left int64
		gdb.Table("badges").Where("credential LIKE ?", "%sha256$%").Count(&left)
		if left != 1 {
			t.Errorf("%d credentials with an identity hash left, want only the other learner's", left)
		}
		if v := f.verify(evas.ID); v.Status != badges.Valid {
			t.Errorf("the other learner's badge: %s", v.Status)
		}
	})
}
