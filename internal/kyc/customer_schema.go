package kyc

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/customerhandles/terraform-provider-customers/internal/attrs"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

var (
	// urlSafe are the characters that travel in a URL path unescaped (RFC 3986 "unreserved").
	urlSafe      = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)
	phonePattern = regexp.MustCompile(`^\+[0-9]{6,15}$`)
)

// idTypes are the identity documents NOAH knows.
var idTypes = []string{"DrivingLicense", "NationalIDCard", "Passport", "AddressProof", "ResidencePermit", "TaxID"}

// customerSchema is the resource's schema; the data source derives its own from it.
func customerSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An individual customer onboarded to NOAH through the Reliance model: your own KYC " +
			"checks vouch for the customer, and NOAH records them. Changing `customer_id` creates a new customer; " +
			"everything else is updated in place. NOAH's API cannot delete customers: destroying this resource only " +
			"removes it from the Terraform state, and the customer stays at NOAH.",
		Attributes: map[string]schema.Attribute{
			"customer_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Your ID of the customer, which NOAH uses too: 1 to 42 characters among letters, digits, " +
					"`-`, `_`, `.` and `~` (but not `.` or `..` alone), such as a UUID. Changing it creates a new customer. " +
					"It is the import ID.",
				Validators: []validator.String{
					stringvalidator.UTF8LengthBetween(1, 42),
					stringvalidator.RegexMatches(urlSafe, "must contain only letters, digits, '-', '_', '.' and '~'"),
					// In a URL path, "." and ".." mean "this" and "the parent" directory.
					stringvalidator.NoneOf(".", ".."),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"full_name": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "The customer's name as on their identity documents.",
				Attributes: map[string]schema.Attribute{
					"first_name":  attrs.RequiredString("First name, 1 to 50 characters.", 1, 50),
					"last_name":   attrs.RequiredString("Last (family) name, 1 to 50 characters.", 1, 50),
					"middle_name": attrs.OptionalString("Middle name, 1 to 50 characters.", 1, 50),
				},
			},
			"date_of_birth": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Date of birth, `YYYY-MM-DD`.",
				Validators:          []validator.String{validate.Date()},
			},
			"email": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "E-mail address. NOAH stores it but never returns it, so the provider keeps the " +
					"configured value and cannot see changes made outside Terraform.",
				Validators: []validator.String{validate.Optional(validate.Email())},
			},
			"phone_number": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Phone number in international form: `+` and 6 to 15 digits, such as `+14155550123`. " +
					"Like `email`, NOAH never returns it.",
				Validators: []validator.String{validate.Optional(stringvalidator.RegexMatches(phonePattern, `must be "+" followed by 6 to 15 digits, such as "+14155550123"`))},
			},
			"identities": schema.ListNestedAttribute{
				Required:            true,
				MarkdownDescription: "The identity documents checked, at least one.",
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"issuing_country": countryString("Country that issued the document, ISO 3166-1 alpha-2, such as `US`."),
					"id_number": schema.StringAttribute{
						Optional:  true,
						Sensitive: true,
						MarkdownDescription: "The document's number, 1 to 36 characters. Sensitive: stored in the state (the resource's " +
							"`id_number_wo` keeps it out). The resource's identities need exactly one of `id_number` and `id_number_wo`.",
						Validators: []validator.String{validate.Optional(stringvalidator.UTF8LengthBetween(1, 36))},
					},
					"id_number_wo": attrs.WriteOnlyString("id_number", "The document's number, as `id_number`. NOAH receives "+
						"it with every create and update of the customer (each carries the whole record).", stringvalidator.UTF8LengthBetween(1, 36)),
					"id_number_wo_version": attrs.WriteOnlyVersion("id_number"),
					"issued_date": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Issue date, `YYYY-MM-DD`.",
						Validators:          []validator.String{validate.Optional(validate.Date())},
					},
					"expiry_date": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Expiry date, `YYYY-MM-DD`; after `issued_date` when both are set.",
						Validators:          []validator.String{validate.Optional(validate.Date())},
					},
					"id_type": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Kind of document: `DrivingLicense`, `NationalIDCard`, `Passport`, `AddressProof`, `ResidencePermit` or `TaxID`.",
						Validators:          []validator.String{stringvalidator.OneOf(idTypes...)},
					},
				}},
			},
			"primary_residence": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "Where the customer lives.",
				Attributes: map[string]schema.Attribute{
					"street": attrs.RequiredString("Street and number, 2 to 200 characters.", 2, 200),
					"street2": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Second address line.",
						// NOAH sets no maximum; "" would read back as unset.
						Validators: []validator.String{validate.Optional()},
					},
					"city":      attrs.RequiredString("City, 1 to 100 characters.", 1, 100),
					"post_code": attrs.RequiredString("Postal code, 1 to 20 characters.", 1, 20),
					"state": attrs.RequiredString("State, province or county, 1 to 100 characters. In the United States and Canada, "+
						"the ISO 3166-2 code without the country prefix, such as `CA` or `QC`.", 1, 100),
					"country": countryString("Country, ISO 3166-1 alpha-2, such as `US`."),
				},
			},
			"created": attrs.Assigned("When NOAH recorded the customer (RFC 3339)."),
			"verification_status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "NOAH's verification status: `Approved`, `Pending` or `Declined`. NOAH may decide later " +
					"(`Pending`, then `Approved` or `Declined`): a refresh shows the change, which needs no apply. An " +
					"update reads it anew.",
				// No UseStateForUnknown: NOAH may decide between the plan and an update's read-back.
			},
		},
	}
}

func countryString(description string) schema.StringAttribute {
	return schema.StringAttribute{Required: true, MarkdownDescription: description, Validators: []validator.String{validate.Country()}}
}
