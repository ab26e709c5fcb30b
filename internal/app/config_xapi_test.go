package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app"
)

func TestXAPIConfig(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	cfg, err := app.NewConfig(env())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.XAPI.Enabled() || cfg.XAPIMbox || cfg.XAPI.Interval != 10*time.Second || cfg.XAPI.Timeout != 30*time.Second {
		t.Fatalf("defaults = %+v, mbox %v", cfg.XAPI, cfg.XAPIMbox)
	}
	cfg, err = app.NewConfig(env("ACADEMY_XAPI_ENDPOINT", "https://lrs.example.com/xapi/", "ACADEMY_XAPI_USERNAME", "academy",
		"ACADEMY_XAPI_PASSWORD", "secret", "ACADEMY_XAPI_ACTOR", "mbox", "ACADEMY_XAPI_INTERVAL", "1m",
		"ACADEMY_XAPI_HOMEPAGE", "https://people.example.com"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.XAPI.Endpoint != "https://lrs.example.com/xapi" || cfg.XAPI.Username != "academy" || cfg.XAPI.Password != "secret" ||
		!cfg.XAPIMbox || cfg.XAPI.Interval != time.Minute || cfg.XAPIHomePage != "https://people.example.com" {
		t.Fatalf("config = %+v", cfg)
	}
	_, err = app.NewConfig(env("ACADEMY_XAPI_ENDPOINT", "lrs.example.com", "ACADEMY_XAPI_ACTOR", "email",
		"ACADEMY_XAPI_INTERVAL", "soon", "ACADEMY_XAPI_TIMEOUT", "-1s", "ACADEMY_XAPI_HOMEPAGE", "/people"))
	for _, name := range []string{"ACADEMY_XAPI_ENDPOINT", "ACADEMY_XAPI_ACTOR", "ACADEMY_XAPI_INTERVAL", "ACADEMY_XAPI_TIMEOUT",
		"ACADEMY_XAPI_HOMEPAGE"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("error %v does not name %s", err, name)
		}
	}
}
