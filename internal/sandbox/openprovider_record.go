package sandbox

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/customerhandles/terraform-provider-customers/internal/iso3166"
)

// opError is an Openprovider error reply: HTTP status plus envelope code/desc.
type opError struct {
	status int
	code   int
	desc   string
}

// invalid is a request that fails a field rule; a recorded validation error came as HTTP 400.
func invalid(code int, format string, args ...any) *opError {
	return &opError{status: http.StatusBadRequest, code: code, desc: fmt.Sprintf(format, args...)}
}

// refused is a business refusal (unknown handle, handle in use), which the real API answers
// with HTTP 500.
func refused(code int, format string, args ...any) *opError {
	return &opError{status: http.StatusInternalServerError, code: code, desc: fmt.Sprintf(format, args...)}
}

// badBody is a request the server cannot even interpret.
func badBody(format string, args ...any) *opError {
	return &opError{status: http.StatusBadRequest, code: 1, desc: "Invalid request body: " + fmt.Sprintf(format, args...)}
}

func unknownField(path string) *opError {
	return &opError{status: http.StatusBadRequest, code: 1, desc: "Unknown field " + path}
}

type opName struct{ initials, firstName, prefix, lastName, fullName string }
type opAddress struct{ street, number, suffix, zipcode, city, country, state string }
type opPhone struct{ countryCode, areaCode, subscriberNumber string }
type opTag struct{ key, value string }
type opFile struct{ description, docType, path string }
type opExtension struct {
	name string
	data map[string]string
}

// opRecord is the client-controlled part of a customer. name, address and
// phone are pointers because "missing" is its own validation error.
type opRecord struct {
	name        *opName
	companyName string
	vat         string
	address     *opAddress
	phone       *opPhone
	fax         opPhone // all empty = no fax
	email       string
	locale      string
	comments    string
	tags        []opTag
	additional  map[string]string // every key stored, listed in the spec or not
	files       []opFile
	extensions  []opExtension
}

// opCustomer is a stored customer handle.
type opCustomer struct {
	opRecord
	handle            string
	id                int
	deleted           bool
	deletedAt         string
	commentsChangedAt string
}

// specAdditionalKeys are the string fields of additional_data in Openprovider's spec
// (attached_files, the only non-string field, is handled apart).
var specAdditionalKeys = []string{
	"birth_address", "birth_city", "birth_country", "birth_date", "birth_state",
	"birth_zipcode", "company_registration_city", "company_registration_number",
	"company_registration_subscription_date", "company_url", "headquarters_address",
	"headquarters_city", "headquarters_country", "headquarters_state",
	"headquarters_zipcode", "passport_number", "social_security_number", "trading_name",
}

// additionalKeys adds the keys only the knowledge-base example of an update carries; what
// happens to those is OpenproviderBehaviour.UnlistedAdditionalData.
var additionalKeys = slices.Sorted(slices.Values(slices.Concat(specAdditionalKeys, []string{
	"cif_nif_number", "cost_category", "cost_center", "internal_reference", "project_code",
	"purchase_order_number",
})))

// defaultLocale is what the sandbox's reseller account fills in for a customer created without
// a locale, as the recorded account did.
const defaultLocale = "en_GB"

var (
	handleRE      = regexp.MustCompile(`^[A-Z]{2}\d{6}-[A-Z]{2}$`)
	phoneCodeRE   = regexp.MustCompile(`^\+\d{1,3}$`)
	localeRE      = regexp.MustCompile(`^[a-z]{2}_[A-Z]{2}$`)
	createKeys    = []string{"additional_data", "address", "comments", "company_name", "email", "extension_additional_data", "fax", "locale", "name", "phone", "tags", "vat"}
	updateKeys    = []string{"additional_data", "address", "comments", "email", "extension_additional_data", "fax", "handle", "locale", "phone", "tags", "vat"}
	nameKeys      = []string{"first_name", "full_name", "initials", "last_name", "prefix"}
	addressKeys   = []string{"city", "country", "number", "state", "street", "suffix", "zipcode"}
	phoneKeys     = []string{"area_code", "country_code", "subscriber_number"}
	tagKeys       = []string{"key", "value"}
	fileKeys      = []string{"description", "doc_type", "path"}
	extensionKeys = []string{"data", "name"}
)

// decodeObject parses a request body that must be one JSON object and, when
// allowed is non-nil, rejects keys outside it (sorted, so the first unknown key is reported
// deterministically).
func decodeObject(body []byte, allowed []string) (map[string]json.RawMessage, *opError) {
	if len(body) > maxBodyBytes {
		return nil, badBody("larger than %d bytes", maxBodyBytes)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return nil, badBody("want a JSON object")
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if allowed != nil && !slices.Contains(allowed, k) {
			return nil, unknownField(k)
		}
	}
	return obj, nil
}

// applyField decodes one top-level body key into rec, replacing what rec had
// for that key wholesale (this is both create and the PUT merge rule).
func applyField(rec *opRecord, key string, raw json.RawMessage) *opError {
	var err *opError
	switch key {
	case "name":
		var f map[string]string
		if f, err = stringObject(key, raw, nameKeys); f != nil {
			rec.name = &opName{initials: f["initials"], firstName: f["first_name"], prefix: f["prefix"], lastName: f["last_name"], fullName: f["full_name"]}
		} else {
			rec.name = nil
		}
	case "address":
		var f map[string]string
		if f, err = stringObject(key, raw, addressKeys); f != nil {
			rec.address = &opAddress{street: f["street"], number: f["number"], suffix: f["suffix"], zipcode: f["zipcode"], city: f["city"], country: f["country"], state: f["state"]}
		} else {
			rec.address = nil
		}
	case "phone":
		var f map[string]string
		if f, err = stringObject(key, raw, phoneKeys); f != nil {
			rec.phone = &opPhone{countryCode: f["country_code"], areaCode: f["area_code"], subscriberNumber: f["subscriber_number"]}
		} else {
			rec.phone = nil
		}
	case "fax":
		var f map[string]string
		f, err = stringObject(key, raw, phoneKeys)
		rec.fax = opPhone{countryCode: f["country_code"], areaCode: f["area_code"], subscriberNumber: f["subscriber_number"]}
	case "company_name":
		rec.companyName, err = stringValue(key, raw)
	case "vat":
		rec.vat, err = stringValue(key, raw)
	case "email":
		rec.email, err = stringValue(key, raw)
	case "locale":
		rec.locale, err = stringValue(key, raw)
	case "comments":
		rec.comments, err = stringValue(key, raw)
	case "tags":
		rec.tags = nil
		var items []map[string]string
		items, err = stringObjects(key, raw, tagKeys)
		for _, t := range items {
			rec.tags = append(rec.tags, opTag{key: t["key"], value: t["value"]})
		}
	case "additional_data":
		rec.additional, rec.files, err = additionalData(raw)
	case "extension_additional_data":
		rec.extensions, err = extensionData(raw)
	}
	return err
}

// stringValue accepts a JSON string, null or nothing (a missing key); the
// latter two read as "".
func stringValue(path string, raw json.RawMessage) (string, *opError) {
	if raw == nil {
		return "", nil
	}
	var s *string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", badBody("%s must be a string", path)
	}
	if s == nil {
		return "", nil
	}
	return *s, nil
}

// rawObject accepts a JSON object or null (nil map, nil error). With allowed
// set, other keys are unknown fields.
func rawObject(path string, raw json.RawMessage, allowed []string) (map[string]json.RawMessage, *opError) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, badBody("%s must be an object", path)
	}
	if allowed != nil {
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			if !slices.Contains(allowed, k) {
				return nil, unknownField(path + "." + k)
			}
		}
	}
	return obj, nil
}

// stringObject decodes an object of string values; nil means null.
func stringObject(path string, raw json.RawMessage, allowed []string) (map[string]string, *opError) {
	obj, err := rawObject(path, raw, allowed)
	if obj == nil {
		return nil, err
	}
	out := make(map[string]string, len(obj))
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if out[k], err = stringValue(path+"."+k, obj[k]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// stringObjects decodes an array (or null) of string objects.
func stringObjects(path string, raw json.RawMessage, allowed []string) ([]map[string]string, *opError) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, badBody("%s must be an array", path)
	}
	out := make([]map[string]string, 0, len(items))
	for i, item := range items {
		obj, err := stringObject(fmt.Sprintf("%s[%d]", path, i), item, allowed)
		if err != nil {
			return nil, err
		}
		if obj == nil {
			obj = map[string]string{}
		}
		out = append(out, obj)
	}
	return out, nil
}

func additionalData(raw json.RawMessage) (map[string]string, []opFile, *opError) {
	obj, err := rawObject("additional_data", raw, nil)
	if err != nil {
		return nil, nil, err
	}
	fields := map[string]string{}
	var files []opFile
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if k == "attached_files" {
			items, err := stringObjects("additional_data.attached_files", obj[k], fileKeys)
			if err != nil {
				return nil, nil, err
			}
			for _, f := range items {
				files = append(files, opFile{description: f["description"], docType: f["doc_type"], path: f["path"]})
			}
			continue
		}
		if fields[k], err = stringValue("additional_data."+k, obj[k]); err != nil {
			return nil, nil, err
		}
	}
	return fields, files, nil
}

func extensionData(raw json.RawMessage) ([]opExtension, *opError) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, badBody("extension_additional_data must be an array")
	}
	var out []opExtension
	for i, item := range items {
		path := fmt.Sprintf("extension_additional_data[%d]", i)
		obj, err := rawObject(path, item, extensionKeys)
		if err != nil {
			return nil, err
		}
		ext := opExtension{data: map[string]string{}}
		if ext.name, err = stringValue(path+".name", obj["name"]); err != nil {
			return nil, err
		}
		if d, ok := obj["data"]; ok {
			data, err := stringObject(path+".data", d, nil)
			if err != nil {
				return nil, err
			}
			maps.Copy(ext.data, data)
		}
		out = append(out, ext)
	}
	return out, nil
}

// validate applies the API's field rules in a fixed order; the first failure
// is reported, naming the field.
func (rec *opRecord) validate(tags map[string]bool) *opError {
	switch {
	case rec.name == nil:
		return invalid(101, "name is missing")
	case blank(rec.name.firstName):
		return invalid(104, "name.first_name is empty")
	case blank(rec.name.lastName):
		return invalid(105, "name.last_name is empty")
	case rec.address == nil:
		return invalid(110, "address is missing")
	case blank(rec.address.street):
		return invalid(111, "address.street is empty")
	case blank(rec.address.number):
		return invalid(112, "address.number is empty")
	case blank(rec.address.zipcode):
		return invalid(113, "address.zipcode is empty")
	case blank(rec.address.city):
		return invalid(114, "address.city is empty")
	case !iso3166.IsCountry(rec.address.country):
		return invalid(121, "address.country %q is not an ISO 3166-1 alpha-2 code", rec.address.country)
	case rec.phone == nil:
		return invalid(130, "phone is missing")
	case !phoneCodeRE.MatchString(rec.phone.countryCode):
		return invalid(131, "phone.country_code %q is invalid (want \"+\" and 1 to 3 digits)", rec.phone.countryCode)
	case blank(rec.phone.subscriberNumber):
		return invalid(132, "phone.subscriber_number is empty")
	case rec.fax != opPhone{} && (!phoneCodeRE.MatchString(rec.fax.countryCode) || blank(rec.fax.subscriberNumber)):
		return invalid(133, "fax is invalid (country_code %q, subscriber_number %q); send all fields empty for no fax", rec.fax.countryCode, rec.fax.subscriberNumber)
	case !validEmail(rec.email):
		return invalid(146, "email %q is invalid", rec.email)
	}
	for i, t := range rec.tags {
		if t.key != "customer" {
			return invalid(150, "tags[%d].key %q is invalid (must be \"customer\")", i, t.key)
		}
		if !tags[t.value] {
			return invalid(150, "tags[%d].value %q does not exist in the reseller account", i, t.value)
		}
	}
	for _, k := range []string{"birth_date", "company_registration_subscription_date"} {
		if v := rec.additional[k]; v != "" && !validDate(v) {
			return invalid(152, "additional_data.%s %q is not a date (YYYY-MM-DD)", k, v)
		}
	}
	for i, e := range rec.extensions {
		if blank(e.name) {
			return invalid(153, "extension_additional_data[%d].name is empty", i)
		}
	}
	if rec.locale != "" && !localeRE.MatchString(rec.locale) {
		return invalid(160, "locale %q is invalid (want like nl_NL)", rec.locale)
	}
	return nil
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && !strings.Contains(domain, "@") &&
		strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") &&
		!strings.ContainsFunc(s, unicode.IsSpace)
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// fullName is what the server derives, whatever the client sent.
func fullName(n *opName) string {
	var parts []string
	for _, p := range []string{n.firstName, n.prefix, n.lastName} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// handleLetter is the uppercased first letter of a name, or 'X' when that is
// not A-Z, so every handle matches the handle pattern.
func handleLetter(s string) string {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s)) // RuneError when empty
	if r = unicode.ToUpper(r); r >= 'A' && r <= 'Z' {
		return string(r)
	}
	return "X"
}

// clone deep-copies a stored (hence valid, so name, address and phone are
// set) record, so a PUT can be merged and validated before it is committed.
func (rec opRecord) clone() opRecord {
	n, a, p := *rec.name, *rec.address, *rec.phone
	rec.name, rec.address, rec.phone = &n, &a, &p
	rec.tags = slices.Clone(rec.tags)
	rec.additional = maps.Clone(rec.additional)
	rec.files = slices.Clone(rec.files)
	exts := make([]opExtension, len(rec.extensions))
	for i, e := range rec.extensions {
		exts[i] = opExtension{name: e.name, data: maps.Clone(e.data)}
	}
	rec.extensions = exts
	return rec
}

// decodeRecord reads a create or update body into a record of what it sends, applying the
// behaviours that concern single values: unlisted additional data, the all-empty fax.
func decodeRecord(obj map[string]json.RawMessage, b OpenproviderBehaviour) (opRecord, *opError) {
	var rec opRecord
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if err := applyField(&rec, k, obj[k]); err != nil {
			return rec, err
		}
	}
	for _, k := range slices.Sorted(maps.Keys(rec.additional)) {
		if rec.additional[k] == "" || slices.Contains(specAdditionalKeys, k) {
			continue
		}
		switch b.UnlistedAdditionalData {
		case OpenproviderUnlistedDropped:
			delete(rec.additional, k)
		case OpenproviderUnlistedRejected:
			return rec, invalid(151, "additional_data.%s is not a known field", k)
		}
	}
	if _, sent := obj["fax"]; sent && rec.fax == (opPhone{}) && b.EmptyFax == OpenproviderEmptyFaxRejected {
		return rec, invalid(133, "fax is invalid: country_code and subscriber_number are required")
	}
	return rec, nil
}

// mutableKeys are the body keys an update can change; name and company_name are immutable.
var mutableKeys = []string{"additional_data", "address", "comments", "email", "extension_additional_data", "fax", "locale", "phone", "tags", "vat"}

// copyField sets key of rec to what sent holds, wholesale.
func (rec *opRecord) copyField(sent *opRecord, key string) {
	switch key {
	case "address":
		rec.address = sent.address
	case "phone":
		rec.phone = sent.phone
	case "fax":
		rec.fax = sent.fax
	case "vat":
		rec.vat = sent.vat
	case "email":
		rec.email = sent.email
	case "locale":
		rec.locale = sent.locale
	case "comments":
		rec.comments = sent.comments
	case "tags":
		rec.tags = sent.tags
	case "additional_data":
		rec.additional, rec.files = sent.additional, sent.files
	case "extension_additional_data":
		rec.extensions = sent.extensions
	}
}

// mergeField sets the non-empty parts of key from sent, keeping the stored value of every empty
// one (OpenproviderEmptyIgnored).
func (rec *opRecord) mergeField(sent *opRecord, key string) {
	keep := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	switch key {
	case "address":
		if a := sent.address; a != nil {
			for dst, v := range map[*string]string{
				&rec.address.street: a.street, &rec.address.number: a.number, &rec.address.suffix: a.suffix,
				&rec.address.zipcode: a.zipcode, &rec.address.city: a.city, &rec.address.country: a.country, &rec.address.state: a.state,
			} {
				keep(dst, v)
			}
		}
	case "phone":
		if p := sent.phone; p != nil {
			keep(&rec.phone.countryCode, p.countryCode)
			keep(&rec.phone.areaCode, p.areaCode)
			keep(&rec.phone.subscriberNumber, p.subscriberNumber)
		}
	case "fax":
		keep(&rec.fax.countryCode, sent.fax.countryCode)
		keep(&rec.fax.areaCode, sent.fax.areaCode)
		keep(&rec.fax.subscriberNumber, sent.fax.subscriberNumber)
	case "vat":
		keep(&rec.vat, sent.vat)
	case "email":
		keep(&rec.email, sent.email)
	case "locale":
		keep(&rec.locale, sent.locale)
	case "comments":
		keep(&rec.comments, sent.comments)
	case "tags":
		if len(sent.tags) > 0 {
			rec.tags = sent.tags
		}
	case "additional_data":
		for k, v := range sent.additional {
			if v != "" {
				if rec.additional == nil {
					rec.additional = map[string]string{}
				}
				rec.additional[k] = v
			}
		}
		if len(sent.files) > 0 {
			rec.files = sent.files
		}
	case "extension_additional_data":
		if len(sent.extensions) > 0 {
			rec.extensions = sent.extensions
		}
	}
}

func phoneView(p opPhone) map[string]any {
	return map[string]any{"country_code": p.countryCode, "area_code": p.areaCode, "subscriber_number": p.subscriberNumber}
}

// setIf adds key to v only when value is set: GET leaves unset optional fields out.
func setIf(v map[string]any, key, value string) {
	if value != "" {
		v[key] = value
	}
}

// view renders c as the GET data object. Numbers are Go ints; objects and
// arrays are map[string]any and []any, as encoding/json would produce them.
// As recorded, unset optional fields are absent, while company_name and
// address.number are "" when unset.
func (c *opCustomer) view(resellerID int, withAdditional bool) map[string]any {
	name := map[string]any{"first_name": c.name.firstName, "last_name": c.name.lastName, "full_name": c.name.fullName}
	setIf(name, "initials", c.name.initials)
	setIf(name, "prefix", c.name.prefix)
	address := map[string]any{
		"street": c.address.street, "number": c.address.number, "zipcode": c.address.zipcode,
		"city": c.address.city, "country": c.address.country,
	}
	setIf(address, "suffix", c.address.suffix)
	setIf(address, "state", c.address.state)
	deletedAt := "0000-00-00 00:00:00"
	if c.deleted {
		deletedAt = c.deletedAt
	}
	v := map[string]any{
		"handle":                    c.handle,
		"id":                        c.id,
		"reseller_id":               resellerID,
		"name":                      name,
		"company_name":              c.companyName,
		"address":                   address,
		"phone":                     phoneView(*c.phone),
		"email":                     c.email,
		"locale":                    c.locale,
		"is_deleted":                c.deleted,
		"deleted_at":                deletedAt,
		"comments_last_changed_at":  c.commentsChangedAt,
		"email_verification_status": "REQ",
	}
	setIf(v, "vat", c.vat)
	setIf(v, "comments", c.comments)
	if c.fax != (opPhone{}) {
		v["fax"] = phoneView(c.fax)
	}
	if len(c.tags) > 0 {
		tags := []any{}
		for _, t := range c.tags {
			tags = append(tags, map[string]any{"key": t.key, "value": t.value})
		}
		v["tags"] = tags
	}
	if !withAdditional {
		return v
	}
	additional := map[string]any{}
	for k, val := range c.additional {
		setIf(additional, k, val)
	}
	if len(c.files) > 0 {
		files := []any{}
		for _, f := range c.files {
			file := map[string]any{"doc_type": f.docType, "path": f.path}
			setIf(file, "description", f.description)
			files = append(files, file)
		}
		additional["attached_files"] = files
	}
	if len(additional) > 0 {
		v["additional_data"] = additional
	}
	if len(c.extensions) > 0 {
		exts := []any{}
		for _, e := range c.extensions {
			data := map[string]any{}
			for k, val := range e.data {
				data[k] = val
			}
			exts = append(exts, map[string]any{"name": e.name, "data": data})
		}
		v["extension_additional_data"] = exts
	}
	return v
}
