package sandbox

import (
	"context"
	"io"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Every variant of every behaviour type has a name the -behaviour flag takes, and the default
// (zero) is listed first.
func TestVariantNamesCoverEveryVariant(t *testing.T) {
	services := reflect.TypeFor[Behaviour]()
	for i := range services.NumField() {
		vendor := services.Field(i).Type
		for j := range vendor.NumField() {
			f := vendor.Field(j)
			if f.Type.Kind() == reflect.Bool {
				continue
			}
			names := variantsOf(f.Type)
			if len(names) < 2 {
				t.Errorf("%s.%s has %d named variants", vendor.Name(), f.Name, len(names))
				continue
			}
			for want, name := range names {
				if got := reflect.ValueOf(variantNames[name]).Int(); got != int64(want) {
					t.Errorf("%s.%s: variant %d is %s (%d): a constant lacks a name", vendor.Name(), f.Name, want, name, got)
				}
			}
		}
	}
}

func TestBehaviourSet(t *testing.T) {
	var b Behaviour
	for _, s := range []string{"openprovider.Clearing=OpenproviderPutReplaces", "ECURRING.ListNewestFirst=true", "kyc.Verification=KYCStaysPending"} {
		if err := b.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	want := Behaviour{
		Openprovider: OpenproviderBehaviour{Clearing: OpenproviderPutReplaces},
		Ecurring:     EcurringBehaviour{ListNewestFirst: true},
		KYC:          KYCBehaviour{Verification: KYCStaysPending},
	}
	if b != want {
		t.Errorf("Set gave %+v, want %+v", b, want)
	}
	if got := b.String(); got != "ecurring.ListNewestFirst=true,kyc.Verification=KYCStaysPending,openprovider.Clearing=OpenproviderPutReplaces" {
		t.Errorf("String() = %q", got)
	}
	for setting, says := range map[string]string{
		"openprovider.Clearing":                     "is not service.Field=Value",
		"Clearing=OpenproviderPutReplaces":          "is not service.Field=Value",
		"noah.Verification=KYCStaysPending":         "unknown service",
		"kyc.Colour=KYCStaysPending":                "it has Verification, Verifications",
		"kyc.Verification=OpenproviderPutReplaces":  "Verification is one of KYCApprovedAtOnce|",
		"kyc.ShortCustomerIDs=maybe":                "true or false",
		"openprovider.EmptyFax=OpenproviderNothing": "EmptyFax is one of OpenproviderEmptyFaxIsNone, OpenproviderEmptyFaxRejected",
	} {
		err := new(Behaviour).Set(setting)
		if err == nil || !strings.Contains(err.Error(), strings.ReplaceAll(says, "|", ", ")) {
			t.Errorf("%q: error %v, want it to say %q", setting, err, says)
		}
	}
}

// The command plays the variants -behaviour names, and says so.
func TestCommandBehaviour(t *testing.T) {
	lines := startCommand(t, "-listen", "127.0.0.1:0", "-kyc-unsigned", "-behaviour", "kyc.Verification=KYCPendingThenDeclined",
		"-behaviour", "openprovider.DeletedRead=OpenproviderDeletedFlagged")
	if !slices.Contains(lines, "# behaviour kyc.Verification=KYCPendingThenDeclined,openprovider.DeletedRead=OpenproviderDeletedFlagged") {
		t.Errorf("output does not say which variants play:\n%s", strings.Join(lines, "\n"))
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"-behaviour", "kyc.Verification=Maybe"}, &out, io.Discard); err == nil || out.Len() != 0 {
		t.Errorf("a bad -behaviour: error %v, output %q", err, out.String())
	}
}

// Options.Behaviour is what each emulator starts with; SetBehaviour switches and restores it.
func TestOptionsBehaviour(t *testing.T) {
	b := Behaviour{
		Openprovider: OpenproviderBehaviour{EmptyFax: OpenproviderEmptyFaxRejected},
		Ecurring:     EcurringBehaviour{PatchNull: EcurringNullRefused},
		KYC:          KYCBehaviour{ShortCustomerIDs: true},
	}
	s := New(Options{Behaviour: b})
	got := Behaviour{s.Openprovider.behaviour.get(), s.Ecurring.behaviour.get(), s.KYC.behaviour.get()}
	if got != b {
		t.Fatalf("emulators start with %+v, want %+v", got, b)
	}
	restore := s.KYC.SetBehaviour(KYCBehaviour{})
	if s.KYC.behaviour.get() != (KYCBehaviour{}) {
		t.Error("SetBehaviour did not switch")
	}
	restore()
	if s.KYC.behaviour.get() != b.KYC {
		t.Error("restore did not bring the behaviour back")
	}
}

// TestRegisterNamesEveryBehaviour keeps the vendor behaviour register complete: every behaviour
// field and every variant name appears in it.
func TestRegisterNamesEveryBehaviour(t *testing.T) {
	register, err := os.ReadFile("../../docs/guides/vendor-behaviour.md")
	if err != nil {
		t.Fatal(err)
	}
	services := reflect.TypeFor[Behaviour]()
	for i := range services.NumField() {
		vendor := services.Field(i).Type
		for j := range vendor.NumField() {
			if name := vendor.Field(j).Name; !named(register, name) {
				t.Errorf("the register does not name %s.%s", vendor.Name(), name)
			}
		}
	}
	for name := range variantNames {
		if !named(register, name) {
			t.Errorf("the register does not name variant %s", name)
		}
	}
}

// named reports whether name occurs in text as a word.
func named(text []byte, name string) bool {
	return regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`).Match(text)
}
