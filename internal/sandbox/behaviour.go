package sandbox

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Behaviour chooses, for every vendor behaviour whose evidence is "unknown" in the vendor
// behaviour register (docs/vendor-behaviour.md), which plausible variant an emulator plays. The
// zero value of each field is the variant the register names as the default; tests switch
// variants with the vendors' SetBehaviour to run the provider under each one.
type Behaviour struct {
	Openprovider OpenproviderBehaviour
	Ecurring     EcurringBehaviour
	KYC          KYCBehaviour
}

// switchable holds one emulator's behaviour, read per request and switched by tests.
type switchable[T any] struct {
	mu sync.Mutex
	v  T
}

func (s *switchable[T]) get() T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.v
}

// set switches to v and returns a function that restores what was there before.
func (s *switchable[T]) set(v T) (restore func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.v
	s.v = v
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.v = old
	}
}

// variantNames are the names of the variants for the sandbox's -behaviour flag: every constant
// of every variant type, a line a type, default first (TestVariantNamesCoverEveryVariant keeps
// the list complete).
var variantNames = map[string]any{
	"OpenproviderEmptyClears": OpenproviderEmptyClears, "OpenproviderEmptyIgnored": OpenproviderEmptyIgnored, "OpenproviderPutReplaces": OpenproviderPutReplaces,
	"OpenproviderEmptyFaxIsNone": OpenproviderEmptyFaxIsNone, "OpenproviderEmptyFaxRejected": OpenproviderEmptyFaxRejected,
	"OpenproviderUnlistedStored": OpenproviderUnlistedStored, "OpenproviderUnlistedDropped": OpenproviderUnlistedDropped, "OpenproviderUnlistedRejected": OpenproviderUnlistedRejected,
	"OpenproviderDeletedNotFound": OpenproviderDeletedNotFound, "OpenproviderDeletedFlagged": OpenproviderDeletedFlagged,
	"OpenproviderListOverMaxRefused": OpenproviderListOverMaxRefused, "OpenproviderListOverMaxClamped": OpenproviderListOverMaxClamped,
	"OpenproviderPatternCaseInsensitive": OpenproviderPatternCaseInsensitive, "OpenproviderPatternCaseSensitive": OpenproviderPatternCaseSensitive,
	"OpenproviderPatternExact": OpenproviderPatternExact, "OpenproviderPatternContains": OpenproviderPatternContains,
	"EcurringNullClears": EcurringNullClears, "EcurringNullIgnored": EcurringNullIgnored, "EcurringNullRefused": EcurringNullRefused,
	"EcurringEmptyStored": EcurringEmptyStored, "EcurringEmptyRefused": EcurringEmptyRefused,
	"EcurringLargePageRefused": EcurringLargePageRefused, "EcurringLargePageClamped": EcurringLargePageClamped, "EcurringLargePageUpTo100": EcurringLargePageUpTo100,
	"EcurringFilterIgnored": EcurringFilterIgnored, "EcurringFilterEmail": EcurringFilterEmail, "EcurringFilterRefused": EcurringFilterRefused,
	"KYCApprovedAtOnce": KYCApprovedAtOnce, "KYCPendingThenApproved": KYCPendingThenApproved, "KYCPendingThenDeclined": KYCPendingThenDeclined, "KYCStaysPending": KYCStaysPending,
	"KYCVerificationsObject": KYCVerificationsObject, "KYCVerificationsArray": KYCVerificationsArray, "KYCVerificationsAbsent": KYCVerificationsAbsent,
	"KYCBodylessHashEither": KYCBodylessHashEither, "KYCBodylessHashOmitted": KYCBodylessHashOmitted, "KYCBodylessHashOfEmpty": KYCBodylessHashOfEmpty,
	"KYCLastPageNoToken": KYCLastPageNoToken, "KYCLastPageEmptyToken": KYCLastPageEmptyToken, "KYCFullPageToken": KYCFullPageToken,
}

// Set applies one -behaviour setting, `service.Field=Value`: service openprovider, ecurring or
// kyc, Field a field of that service's behaviour type, Value one of its variant names (true or
// false for a switch), as in `openprovider.Clearing=OpenproviderPutReplaces`.
func (b *Behaviour) Set(setting string) error {
	key, value, ok := strings.Cut(setting, "=")
	service, name, ok2 := strings.Cut(key, ".")
	if !ok || !ok2 {
		return fmt.Errorf("%q is not service.Field=Value", setting)
	}
	vendor := reflect.ValueOf(b).Elem().FieldByNameFunc(func(f string) bool { return strings.EqualFold(f, service) })
	if !vendor.IsValid() {
		return fmt.Errorf("%q: unknown service %q (want openprovider, ecurring or kyc)", setting, service)
	}
	field := vendor.FieldByName(name)
	if !field.IsValid() {
		return fmt.Errorf("%q: %s has no behaviour %s; it has %s", setting, service, name, strings.Join(fieldNames(vendor.Type()), ", "))
	}
	if field.Kind() == reflect.Bool {
		on, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("%q: %s is true or false", setting, name)
		}
		field.SetBool(on)
		return nil
	}
	v, ok := variantNames[value]
	if !ok || reflect.TypeOf(v) != field.Type() {
		return fmt.Errorf("%q: %s is one of %s", setting, name, strings.Join(variantsOf(field.Type()), ", "))
	}
	field.Set(reflect.ValueOf(v))
	return nil
}

// String lists the settings that differ from the defaults, as -behaviour takes them.
func (b *Behaviour) String() string {
	if b == nil {
		return ""
	}
	var out []string
	services := reflect.ValueOf(b).Elem()
	for i := range services.NumField() {
		vendor := services.Field(i)
		for j := range vendor.NumField() {
			if f := vendor.Field(j); !f.IsZero() {
				value := fmt.Sprint(f.Interface())
				for n, v := range variantNames {
					if v == f.Interface() {
						value = n
					}
				}
				out = append(out, fmt.Sprintf("%s.%s=%s", strings.ToLower(services.Type().Field(i).Name), vendor.Type().Field(j).Name, value))
			}
		}
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func fieldNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		out = append(out, t.Field(i).Name)
	}
	return out
}

// variantsOf lists the variant names of type t, default first.
func variantsOf(t reflect.Type) []string {
	var out []string
	for n, v := range variantNames {
		if reflect.TypeOf(v) == t {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		return int(reflect.ValueOf(variantNames[a]).Int() - reflect.ValueOf(variantNames[b]).Int())
	})
	return out
}

// behaviourUsage describes the -behaviour flag with every setting and its variants.
func behaviourUsage() string {
	var b strings.Builder
	b.WriteString("play a `service.Field=Value` variant where the vendor's behaviour is unknown (repeatable; see\n" +
		"docs/guides/vendor-behaviour.md); the first value listed is the default:")
	services := reflect.TypeFor[Behaviour]()
	for i := range services.NumField() {
		vendor := services.Field(i).Type
		for j := range vendor.NumField() {
			f := vendor.Field(j)
			values := []string{"false", "true"}
			if f.Type.Kind() != reflect.Bool {
				values = variantsOf(f.Type)
			}
			fmt.Fprintf(&b, "\n  %s.%s=%s", strings.ToLower(services.Field(i).Name), f.Name, strings.Join(values, "|"))
		}
	}
	return b.String()
}
