package app

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/db"
	"github.com/academy-platform/academy/internal/mail"
	"github.com/academy-platform/academy/internal/xapi"
)

// Config is every setting, parsed once from the environment and the command line (flags
// win) and passed to whatever needs it.
type Config struct {
	Addr            string
	DatabaseURL     string
	BaseURL         string
	CookieSecure    bool
	LogLevel        string
	LogFormat       string
	SessionIdle     time.Duration
	SessionAbsolute time.Duration
	InvitationTTL   time.Duration
	ShutdownGrace   time.Duration
	TrustedProxies  string
	DemoPassword    string
	NormMinGroup    int
	SMTP            mail.SMTPConfig
	// ReportZIPRetention is how long a bulk report ZIP stays downloadable before
	// housekeeping deletes it; InvitationRetention how long invitation links (to an
	// account, or to give 360 feedback) are kept after they stopped working.
	ReportZIPRetention  time.Duration
	InvitationRetention time.Duration
	// XAPI is the learning record store xAPI statements are delivered to (none without an
	// endpoint); XAPIMbox identifies learners by email instead of an account on
	// XAPIHomePage (default BaseURL).
	XAPI         xapi.LRSConfig
	XAPIMbox     bool
	XAPIHomePage string

	database db.Target
}

// settings describes each setting once: its flag, its environment variable, its default
// and its help text. The README's configuration table lists the same.
type setting struct {
	flag, env, def, help string
}

var settings = []setting{
	{"addr", "ACADEMY_ADDR", ":8080", "address to listen on"},
	{"database-url", "ACADEMY_DATABASE_URL", "", "empty = SQLite at ./" + db.DefaultSQLitePath + "; sqlite:PATH or postgres://…"},
	{"base-url", "ACADEMY_BASE_URL", "", "public URL of the site, used in emailed links (default http://localhost:PORT)"},
	{"cookie-secure", "ACADEMY_COOKIE_SECURE", "false", "mark cookies Secure (set true behind HTTPS)"},
	{"log-level", "ACADEMY_LOG_LEVEL", "info", "debug, info, warn or error"},
	{"log-format", "ACADEMY_LOG_FORMAT", "text", "text or json"},
	{"session-idle", "ACADEMY_SESSION_IDLE", "2h", "sign out after this long without activity"},
	{"session-absolute", "ACADEMY_SESSION_ABSOLUTE", "168h", "sign out this long after signing in, in any case"},
	{"invitation-ttl", "ACADEMY_INVITATION_TTL", "168h", "how long an invitation link works"},
	{"shutdown-grace", "ACADEMY_SHUTDOWN_GRACE", "20s", "how long in-flight requests may finish on SIGTERM"},
	{"trusted-proxies", "ACADEMY_TRUSTED_PROXIES", "", "comma-separated proxy addresses/CIDRs whose X-Forwarded-For is believed"},
	{"demo-password", "ACADEMY_DEMO_PASSWORD", "academy-demo", "password of every demo account"},
	{"norm-min-group", "ACADEMY_NORM_MIN_GROUP", "10", "smallest reference group whose percentiles are shown"},
	{"smtp-host", "ACADEMY_SMTP_HOST", "", "SMTP server; empty = write emails to the log"},
	{"smtp-port", "ACADEMY_SMTP_PORT", "587", "SMTP port"},
	{"smtp-username", "ACADEMY_SMTP_USERNAME", "", "SMTP user name"},
	{"smtp-password", "ACADEMY_SMTP_PASSWORD", "", "SMTP password"},
	{"smtp-from", "ACADEMY_SMTP_FROM", "Academy <no-reply@localhost>", "sender address"},
	{"report-zip-retention", "ACADEMY_REPORT_ZIP_RETENTION", "24h", "how long a bulk report ZIP can be downloaded before it is deleted"},
	{"invitation-retention", "ACADEMY_INVITATION_RETENTION", "720h", "how long used, expired or withdrawn invitation links (accounts, 360 feedback) are kept before they are deleted"},
	{"xapi-endpoint", "ACADEMY_XAPI_ENDPOINT", "", "xAPI address of a learning record store (LRS); empty = statements are kept, not sent"},
	{"xapi-username", "ACADEMY_XAPI_USERNAME", "", "LRS user name (HTTP Basic authentication)"},
	{"xapi-password", "ACADEMY_XAPI_PASSWORD", "", "LRS password"},
	{"xapi-actor", "ACADEMY_XAPI_ACTOR", "account", "identify learners in statements by account (homePage + id) or mbox (email)"},
	{"xapi-homepage", "ACADEMY_XAPI_HOMEPAGE", "", "homePage of the learners' accounts in statements (default the base URL)"},
	{"xapi-interval", "ACADEMY_XAPI_INTERVAL", "10s", "how often pending statements are sent; also the first pause after a failure"},
	{"xapi-timeout", "ACADEMY_XAPI_TIMEOUT", "30s", "time limit of one request to the LRS"},
}

// bindConfig registers every setting as a flag on fs, with the environment as default.
func bindConfig(fs *flag.FlagSet, getenv func(string) string) map[string]*string {
	values := map[string]*string{}
	for _, s := range settings {
		def := s.def
		if v, ok := lookup(getenv, s.env); ok {
			def = v
		}
		values[s.flag] = fs.String(s.flag, def, s.help+" ["+s.env+"]")
	}
	return values
}

func lookup(getenv func(string) string, key string) (string, bool) {
	if getenv == nil {
		return os.LookupEnv(key)
	}
	v := getenv(key)
	return v, v != ""
}

// parseConfig turns the bound values into a Config, listing every problem at once.
func parseConfig(v map[string]*string) (Config, error) {
	var problems []string
	bad := func(name, why string) { problems = append(problems, name+": "+why) }
	cfg := Config{
		Addr: *v["addr"], DatabaseURL: *v["database-url"], BaseURL: strings.TrimRight(*v["base-url"], "/"),
		LogLevel: strings.ToLower(*v["log-level"]), LogFormat: strings.ToLower(*v["log-format"]),
		TrustedProxies: *v["trusted-proxies"], DemoPassword: *v["demo-password"],
		SMTP: mail.SMTPConfig{Host: *v["smtp-host"], Username: *v["smtp-username"], Password: *v["smtp-password"], From: *v["smtp-from"]},
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		bad("ACADEMY_ADDR", "want host:port such as :8080")
	} else if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		bad("ACADEMY_ADDR", "port must be a number from 0 to 65535")
	}
	if cfg.database, err = db.ParseURL(cfg.DatabaseURL); err != nil {
		bad("ACADEMY_DATABASE_URL", err.Error())
	}
	if cfg.BaseURL == "" {
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		cfg.BaseURL = "http://" + net.JoinHostPort(host, port)
	} else if u, err := url.Parse(cfg.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("ACADEMY_BASE_URL", "want an absolute http(s) URL such as https://academy.example.com")
	}
	if cfg.CookieSecure, err = strconv.ParseBool(*v["cookie-secure"]); err != nil {
		bad("ACADEMY_COOKIE_SECURE", "want true or false")
	}
	if _, ok := logLevels[cfg.LogLevel]; !ok {
		bad("ACADEMY_LOG_LEVEL", "want debug, info, warn or error")
	}
	if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
		bad("ACADEMY_LOG_FORMAT", "want text or json")
	}
	durations := []struct {
		name string
		raw  string
		dst  *time.Duration
	}{
		{"ACADEMY_SESSION_IDLE", *v["session-idle"], &cfg.SessionIdle},
		{"ACADEMY_SESSION_ABSOLUTE", *v["session-absolute"], &cfg.SessionAbsolute},
		{"ACADEMY_INVITATION_TTL", *v["invitation-ttl"], &cfg.InvitationTTL},
		{"ACADEMY_SHUTDOWN_GRACE", *v["shutdown-grace"], &cfg.ShutdownGrace},
		{"ACADEMY_REPORT_ZIP_RETENTION", *v["report-zip-retention"], &cfg.ReportZIPRetention},
		{"ACADEMY_INVITATION_RETENTION", *v["invitation-retention"], &cfg.InvitationRetention},
	}
	for _, d := range durations {
		if *d.dst, err = time.ParseDuration(d.raw); err != nil || *d.dst <= 0 {
			bad(d.name, "want a positive duration such as 30m or 2h")
		}
	}
	if cfg.SessionIdle > cfg.SessionAbsolute {
		bad("ACADEMY_SESSION_IDLE", "cannot be longer than ACADEMY_SESSION_ABSOLUTE")
	}
	if cfg.SMTP.Port, err = strconv.Atoi(*v["smtp-port"]); err != nil || cfg.SMTP.Port <= 0 || cfg.SMTP.Port > 65535 {
		bad("ACADEMY_SMTP_PORT", "want a port number")
	}
	if cfg.NormMinGroup, err = strconv.Atoi(*v["norm-min-group"]); err != nil || cfg.NormMinGroup < 2 {
		bad("ACADEMY_NORM_MIN_GROUP", "want a whole number of at least 2")
	}
	parseXAPI(&cfg, v, bad)
	if len(cfg.DemoPassword) < 8 {
		bad("ACADEMY_DEMO_PASSWORD", "use at least 8 characters")
	}
	if len(problems) > 0 {
		return cfg, errors.New("invalid configuration:\n  " + strings.Join(problems, "\n  "))
	}
	return cfg, nil
}

var logLevels = map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}

// Logger builds the process logger from the configuration.
func (c Config) Logger(w *os.File) *slog.Logger {
	opts := &slog.HandlerOptions{Level: logLevels[c.LogLevel]}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func (c Config) String() string {
	return fmt.Sprintf("addr=%s database=%s base_url=%s", c.Addr, c.database.Kind, c.BaseURL)
}

// NewConfig parses the configuration from environment-style values alone (no flags). It is
// how tests and embedding programs build a Config.
func NewConfig(getenv func(string) string) (Config, error) {
	fs := flag.NewFlagSet("academy", flag.ContinueOnError)
	return parseConfig(bindConfig(fs, getenv))
}
