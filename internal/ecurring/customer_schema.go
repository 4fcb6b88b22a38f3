package ecurring

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/customerhandles/terraform-provider-customers/internal/attrs"
	"github.com/customerhandles/terraform-provider-customers/internal/validate"
)

const deprecatedByECurring = "eCurring's API marks this attribute deprecated; it may stop working without notice."

// customerSchema is the resource's schema; the data sources derive theirs from it.
func customerSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A customer in eCurring, the recurring-billing service. Every attribute can change in " +
			"place. eCurring's API cannot delete customers: destroying this resource only removes it from the " +
			"Terraform state, and the customer stays in eCurring.\n\n" +
			"Optional text attributes cannot be set to `\"\"`: leave them out to leave them empty (eCurring does not " +
			"tell the two apart). Removing an attribute from the configuration clears it in eCurring, except `language`, " +
			"which always has a value. If eCurring will not clear an attribute, the apply fails and names it.",
		Attributes: map[string]schema.Attribute{
			"id": attrs.Assigned("eCurring's numeric ID of the customer, such as `42`. It is the import ID."),
			"gender": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Gender, for the salutation in eCurring's messages: `m` or `f`.",
				Validators:          []validator.String{validate.Optional(stringvalidator.OneOf("m", "f"))},
			},
			"first_name":       attrs.RequiredString("First name.", 1, 255),
			"middle_name":      attrs.OptionalString("Middle name, such as the Dutch `van`.", 1, 255),
			"last_name":        attrs.RequiredString("Last name.", 1, 255),
			"company_name":     attrs.OptionalString("Company name, when the customer is a company.", 1, 255),
			"vat_number":       attrs.OptionalString("The company's VAT number.", 1, 255),
			"postalcode":       attrs.OptionalString("Postal code.", 1, 255),
			"house_number":     attrs.OptionalString("House number (text: `12`, `1-3`).", 1, 255),
			"house_number_add": attrs.OptionalString("House number addition, such as `A` or `bis`.", 1, 255),
			"street":           attrs.OptionalString("Street.", 1, 255),
			"city":             attrs.OptionalString("City.", 1, 255),
			"country_iso2": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Country of residence as an ISO 3166-1 alpha-2 code in upper case, such as `NL`.",
				Validators:          []validator.String{validate.Optional(validate.Country())},
			},
			// eCurring fills the language in when a create leaves it out, so the plan leaves it
			// to eCurring then, and keeps the stored one when the configuration stops setting it.
			"language": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Language of the customer's notifications: `nl`, `en`, `nl-be`, `de` or `fr`. When left " +
					"out, eCurring chooses it for a new customer (`nl`), and removing it from the configuration keeps the " +
					"language the customer has.",
				Validators:    []validator.String{validate.Optional(stringvalidator.OneOf("nl", "en", "nl-be", "de", "fr"))},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"email": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "E-mail address, such as `jane@example.com`.",
				Validators:          []validator.String{validate.Email(), stringvalidator.UTF8LengthAtMost(255)},
			},
			"telephone": attrs.OptionalString("Telephone number, such as `+31201234567`.", 1, 255),
			"iban": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "IBAN of the customer's bank account, in capitals without spaces, such as " +
					"`NL91ABNA0417164300`. Sensitive: stored in the state (the resource's `iban_wo` keeps it out). Needs `bank_holder`. eCurring changes it only for customers who pay by " +
					"direct debit.",
				DeprecationMessage: deprecatedByECurring,
				Validators: []validator.String{
					validate.Optional(validate.IBAN()),
					stringvalidator.AlsoRequires(path.MatchRoot("bank_holder")),
				},
			},
			"iban_wo":         ibanWriteOnly(),
			"iban_wo_version": attrs.WriteOnlyVersion("iban"),
			"bank_holder": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Name of the bank account's holder, which may differ from the customer's. Required with `iban` and `iban_wo`.",
				DeprecationMessage:  deprecatedByECurring,
				Validators:          []validator.String{validate.Optional(stringvalidator.UTF8LengthBetween(1, 255))},
			},
			"payment_method":           paymentAttribute("How the customer pays: `directdebit` or `creditcard`. eCurring sets it; new customers pay by `directdebit`."),
			"bank_verification_method": paymentAttribute("How eCurring verified the bank account, when it did."),
			"card_holder":              paymentAttribute("Name on the customer's credit card, for card payments."),
			"card_number":              paymentAttribute("Last four digits of the customer's card."),
			"created_at":               attrs.Assigned("When the customer was created (ISO 8601 with offset, such as `2026-02-01T11:21:09+01:00`)."),
			"updated_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the customer last changed (ISO 8601 with offset).",
			},
		},
	}
}

// ibanWriteOnly is iban_wo, iban's write-only twin.
func ibanWriteOnly() schema.StringAttribute {
	a := attrs.WriteOnlyString("iban", "IBAN of the customer's bank account, as `iban`. Needs `bank_holder`. eCurring "+
		"receives it when the customer is created and when `iban_wo_version` changes.", validate.IBAN())
	a.DeprecationMessage = deprecatedByECurring
	a.Validators = append(a.Validators, stringvalidator.AlsoRequires(path.MatchRoot("bank_holder")))
	return a
}

// paymentAttribute is a read-only payment detail. Only a new IBAN can change it, so plans keep
// the known value otherwise instead of showing it as "(known after apply)".
func paymentAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: description,
		PlanModifiers:       []planmodifier.String{attrs.KeepUnlessChanged("Keeps the prior value unless the bank details change.", path.MatchRoot("iban"), path.MatchRoot("iban_wo_version"), path.MatchRoot("bank_holder"))},
	}
}
