package web

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

//go:embed locales/*.yaml
var localeFiles embed.FS

// Languages Academy speaks, the default first.
var Languages = []string{"es", "en"}

// Catalog holds every user-visible string in every language.
type Catalog struct {
	bundle     *i18n.Bundle
	localizers map[string]*i18n.Localizer
	matcher    language.Matcher
}

// NewCatalog loads the embedded message files, locales/<area>.<lang>.yaml: one file per
// area of the product (core, courses, assessment, …) and language.
func NewCatalog() (*Catalog, error) {
	bundle := i18n.NewBundle(language.Spanish)
	bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	c := &Catalog{bundle: bundle, localizers: map[string]*i18n.Localizer{}}
	tags := make([]language.Tag, 0, len(Languages))
	for _, lang := range Languages {
		files, err := fs.Glob(localeFiles, "locales/*."+lang+".yaml")
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("no message files for %s", lang)
		}
		for _, file := range files {
			data, err := localeFiles.ReadFile(file)
			if err != nil {
				return nil, err
			}
			if _, err := bundle.ParseMessageFileBytes(data, path.Base(file)); err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
		}
		c.localizers[lang] = i18n.NewLocalizer(bundle, lang)
		tags = append(tags, language.MustParse(lang))
	}
	c.matcher = language.NewMatcher(tags)
	return c, nil
}

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Match picks the best supported language for an Accept-Language header.
func (c *Catalog) Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Languages[0]
	}
	_, i, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return Languages[0]
	}
	return Languages[i]
}

// Locale is one language's view of the catalog.
func (c *Catalog) Locale(lang string) Locale {
	if !Supported(lang) {
		lang = Languages[0]
	}
	return Locale{Lang: lang, l: c.localizers[lang]}
}

// Has reports whether key exists in lang (for catalog tests).
func (c *Catalog) Has(lang, key string) bool {
	l := c.localizers[lang]
	if _, err := l.Localize(&i18n.LocalizeConfig{MessageID: key}); err == nil {
		return true
	}
	_, err := l.Localize(&i18n.LocalizeConfig{MessageID: key, PluralCount: 2})
	return err == nil
}

// Locale translates keys and formats dates and numbers for one language.
type Locale struct {
	Lang string
	l    *i18n.Localizer
}

// T translates key. Args are name/value pairs for the message template; a pair named
// "Count" also selects the plural form.
func (lo Locale) T(key string, args ...any) string {
	if lo.l == nil {
		return key
	}
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	cfg := &i18n.LocalizeConfig{MessageID: key, TemplateData: data}
	if n, ok := data["Count"]; ok {
		cfg.PluralCount = n
	}
	s, err := lo.l.Localize(cfg)
	if err != nil {
		return key
	}
	return s
}

var monthsES = []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	"septiembre", "octubre", "noviembre", "diciembre"}

// Date formats a date the way the language writes it: "5 de marzo de 2026", "5 March 2026".
func (lo Locale) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lo.Lang == "es" {
		return fmt.Sprintf("%d de %s de %d", t.Day(), monthsES[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

// DateTime formats a moment with its time of day (UTC).
func (lo Locale) DateTime(t time.Time) string {
	return lo.DateTimeIn(t, time.UTC)
}

// DateTimeIn formats a moment as it is in the zone loc, date and time of day, followed by
// the zone's abbreviation when it has one ("26 de noviembre de 2026, 18:00 CET") or else
// its place ("18:00 (Sao Paulo)"), so nobody mistakes it for their own time.
func (lo Locale) DateTimeIn(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	return lo.Date(t) + ", " + t.Format("15:04") + " " + ZoneLabel(t)
}

// ZoneLabel names the zone of t for people: its abbreviation (CET, CEST, UTC, EST), or,
// for a zone that only has a numeric one (-03), its city in brackets.
func ZoneLabel(t time.Time) string {
	abbr := t.Format("MST")
	if abbr != "" && abbr[0] != '+' && abbr[0] != '-' {
		return abbr
	}
	name := t.Location().String()
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return "(" + strings.ReplaceAll(name, "_", " ") + ")"
}

// Number formats a number with the language's decimal separator and the given decimals.
func (lo Locale) Number(v float64, decimals int) string {
	s := fmt.Sprintf("%.*f", decimals, v)
	if lo.Lang == "es" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
