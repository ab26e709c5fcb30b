package app

import (
	"net/url"
	"strings"
	"time"
)

// parseXAPI reads the xAPI settings into cfg, reporting each problem with bad.
func parseXAPI(cfg *Config, v map[string]*string, bad func(name, why string)) {
	lrs := &cfg.XAPI
	lrs.Endpoint = strings.TrimRight(strings.TrimSpace(*v["xapi-endpoint"]), "/")
	lrs.Username, lrs.Password = *v["xapi-username"], *v["xapi-password"]
	cfg.XAPIHomePage = strings.TrimRight(strings.TrimSpace(*v["xapi-homepage"]), "/")
	if lrs.Endpoint != "" && !httpURL(lrs.Endpoint) {
		bad("ACADEMY_XAPI_ENDPOINT", "want the LRS's absolute http(s) xAPI address such as https://lrs.example.com/xapi")
	}
	if cfg.XAPIHomePage != "" && !httpURL(cfg.XAPIHomePage) {
		bad("ACADEMY_XAPI_HOMEPAGE", "want an absolute http(s) URL such as https://academy.example.com")
	}
	switch strings.ToLower(*v["xapi-actor"]) {
	case "account":
	case "mbox":
		cfg.XAPIMbox = true
	default:
		bad("ACADEMY_XAPI_ACTOR", "want account or mbox")
	}
	for _, d := range []struct {
		name, raw string
		dst       *time.Duration
	}{
		{"ACADEMY_XAPI_INTERVAL", *v["xapi-interval"], &lrs.Interval},
		{"ACADEMY_XAPI_TIMEOUT", *v["xapi-timeout"], &lrs.Timeout},
	} {
		var err error
		if *d.dst, err = time.ParseDuration(d.raw); err != nil || *d.dst <= 0 {
			bad(d.name, "want a positive duration such as 10s or 1m")
		}
	}
}

func httpURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
