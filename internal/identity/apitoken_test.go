package identity_test

import (
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

func TestAPITokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		boss := f.user(org.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		bob := f.user(org.ID, identity.RoleLearner, "bob@acme.test", "Bob")

		tok, secret, err := f.store.CreateAPIToken(f.ctx, ana.ID, identity.APITokenInput{Name: "  laptop  "})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, "acd_") || len(secret) < 4+43 {
			t.Fatalf("secret %q", secret)
		}
		if tok.Name != "laptop" || tok.UserID != ana.ID || tok.Prefix != secret[:10] || tok.RevokedAt != nil {
			t.Fatalf("token = %+v", tok)
		}
		// Only the hash is stored; the listing cannot give the secret back.
		if tok.TokenHash != sha256Hex(secret) {
			t.Fatalf("token hash %q is not the SHA-256 of the secret", tok.TokenHash)
		}
		if n := f.count("api_tokens", "token_hash = ? OR prefix = ? OR name = ? OR id = ?", secret, secret, secret, secret); n != 0 {
			t.Fatal("the secret is stored in clear")
		}
		list, err := f.store.APITokens(f.ctx, ana.ID)
		if err != nil || len(list) != 1 || list[0].ID != tok.ID || list[0].LastUsedAt != nil {
			t.Fatalf("APITokens = %+v, %v", list, err)
		}

		// The secret signs in as its owner and records when it was used.
		f.clock.Advance(time.Hour)
		u, err := f.store.APITokenUser(f.ctx, secret)
		if err != nil || u.ID != ana.ID {
			t.Fatalf("APITokenUser = %q, %v", u.Email, err)
		}
		list, _ = f.store.APITokens(f.ctx, ana.ID)
		if list[0].LastUsedAt == nil || !list[0].LastUsedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("last used = %v, want %v", list[0].LastUsedAt, t0.Add(time.Hour))
		}

		for _, bad := range []string{"", "acd_", "acd_" + strings.Repeat("A", 43), secret[4:], secret + "x", tok.TokenHash, "Bearer " + secret} {
			if _, err := f.store.APITokenUser(f.ctx, bad); !errorsIsUnauth(err) {
				t.Errorf("APITokenUser(%q) = %v, want ErrUnauthenticated", bad, err)
			}
		}

		// Tokens are independent.
		other, otherSecret, err := f.store.CreateAPIToken(f.ctx, ana.ID, identity.APITokenInput{Name: "ci"})
		if err != nil || otherSecret == secret || other.Prefix == tok.Prefix && other.TokenHash == tok.TokenHash {
			t.Fatalf("second token: %+v, %v", other, err)
		}

		// Nobody else can revoke it, and it keeps working.
		for _, u := range []identity.User{bob, boss} {
			err := f.store.RevokeAPIToken(f.ctx, u.ID, tok.ID)
			wantIs(t, err, errs.ErrNotFound)
		}
		if _, err := f.store.APITokenUser(f.ctx, secret); err != nil {
			t.Fatalf("token stopped working after someone else's revoke: %v", err)
		}

		// Its owner can; a revoked token does not work and cannot be revoked again.
		if err := f.store.RevokeAPIToken(f.ctx, ana.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.store.APITokenUser(f.ctx, secret)
		wantIs(t, err, errs.ErrUnauthenticated)
		wantIs(t, f.store.RevokeAPIToken(f.ctx, ana.ID, tok.ID), errs.ErrNotFound)
		wantIs(t, f.store.RevokeAPIToken(f.ctx, ana.ID, identity.NewID()), errs.ErrNotFound)
		list, _ = f.store.APITokens(f.ctx, ana.ID)
		if len(list) != 2 || list[0].ID != other.ID || list[1].RevokedAt == nil {
			t.Fatalf("APITokens after revoke = %+v (want newest first, revoked listed)", list)
		}
		if u, err := f.store.APITokenUser(f.ctx, otherSecret); err != nil || u.ID != ana.ID {
			t.Fatalf("revoking one token broke another: %v", err)
		}

		// A deactivated person's tokens stop working.
		if err := f.store.SetActive(f.ctx, boss.ID, ana.ID, false); err != nil {
			t.Fatal(err)
		}
		_, err = f.store.APITokenUser(f.ctx, otherSecret)
		wantIs(t, err, errs.ErrUnauthenticated)
	})
}

func TestCreateAPITokenValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		u := f.user("", identity.RoleAdmin, "admin@academy.test", "Admin")
		cases := []struct{ name, code string }{
			{"", "required"},
			{"   ", "required"},
			{strings.Repeat("n", 101), "max"},
		}
		for _, c := range cases {
			_, secret, err := f.store.CreateAPIToken(f.ctx, u.ID, identity.APITokenInput{Name: c.name})
			wantField(t, err, "name", c.code)
			if secret != "" {
				t.Fatal("a refused token returned a secret")
			}
		}
		if n := f.count("api_tokens"); n != 0 {
			t.Fatalf("%d tokens stored by refused requests", n)
		}
		if _, _, err := f.store.CreateAPIToken(f.ctx, u.ID, identity.APITokenInput{Name: strings.Repeat("n", 100)}); err != nil {
			t.Fatal(err)
		}
	})
}
