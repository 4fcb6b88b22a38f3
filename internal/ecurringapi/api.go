package ecurringapi

// The wire types of eCurring's customer API, which speaks JSON:API.

// Attribute names of a customer that clients may write.
const (
	AttrGender         = "gender"
	AttrFirstName      = "first_name"
	AttrMiddleName     = "middle_name"
	AttrLastName       = "last_name"
	AttrCompanyName    = "company_name"
	AttrVatNumber      = "vat_number"
	AttrIBAN           = "iban"
	AttrBankHolder     = "bank_holder"
	AttrPostalcode     = "postalcode"
	AttrHouseNumber    = "house_number"
	AttrHouseNumberAdd = "house_number_add"
	AttrStreet         = "street"
	AttrCity           = "city"
	AttrCountryISO2    = "country_iso2"
	AttrLanguage       = "language"
	AttrEmail          = "email"
	AttrTelephone      = "telephone"
)

// Attributes is the body of a create or update: attribute name → value, where a nil value
// clears the attribute (UpdateCustomer says how). Attributes left out keep their value.
type Attributes map[string]*string

// Customer is a customer as eCurring returns it. The API answers an unset text attribute with
// null in some places and "" in others; both arrive here as "".
type Customer struct {
	ID                     string `json:"-"`
	Gender                 string `json:"gender"`
	FirstName              string `json:"first_name"`
	MiddleName             string `json:"middle_name"`
	LastName               string `json:"last_name"`
	CompanyName            string `json:"company_name"`
	VatNumber              string `json:"vat_number"`
	BankHolder             string `json:"bank_holder"`
	IBAN                   string `json:"iban"`
	PaymentMethod          string `json:"payment_method"`
	BankVerificationMethod string `json:"bank_verification_method"`
	CardHolder             string `json:"card_holder"`
	CardNumber             string `json:"card_number"`
	Postalcode             string `json:"postalcode"`
	HouseNumber            string `json:"house_number"`
	HouseNumberAdd         string `json:"house_number_add"`
	Street                 string `json:"street"`
	City                   string `json:"city"`
	CountryISO2            string `json:"country_iso2"`
	Language               string `json:"language"`
	Email                  string `json:"email"`
	Telephone              string `json:"telephone"`
	CreatedAt              string `json:"created_at"`
	UpdatedAt              string `json:"updated_at"`
}

// writable pairs each attribute a client may write with its value in c ("" when unset).
func (c *Customer) writable() map[string]string {
	return map[string]string{
		AttrGender:         c.Gender,
		AttrFirstName:      c.FirstName,
		AttrMiddleName:     c.MiddleName,
		AttrLastName:       c.LastName,
		AttrCompanyName:    c.CompanyName,
		AttrVatNumber:      c.VatNumber,
		AttrIBAN:           c.IBAN,
		AttrBankHolder:     c.BankHolder,
		AttrPostalcode:     c.Postalcode,
		AttrHouseNumber:    c.HouseNumber,
		AttrHouseNumberAdd: c.HouseNumberAdd,
		AttrStreet:         c.Street,
		AttrCity:           c.City,
		AttrCountryISO2:    c.CountryISO2,
		AttrLanguage:       c.Language,
		AttrEmail:          c.Email,
		AttrTelephone:      c.Telephone,
	}
}

// resourceObject is a JSON:API resource object of type "customer".
type resourceObject struct {
	Type       string    `json:"type"`
	ID         string    `json:"id,omitempty"`
	Attributes *Customer `json:"attributes,omitempty"`
}

// writeResource is the resource object of a request body.
type writeResource struct {
	Type       string     `json:"type"`
	ID         string     `json:"id,omitempty"`
	Attributes Attributes `json:"attributes"`
}

type document struct {
	Data resourceObject `json:"data"`
}

type writeDocument struct {
	Data writeResource `json:"data"`
}

type listDocument struct {
	Data  []resourceObject `json:"data"`
	Links struct {
		Next *string `json:"next"`
		Prev *string `json:"prev"`
		Last *string `json:"last"`
	} `json:"links"`
}

// errorDocument is a JSON:API error answer.
type errorDocument struct {
	Errors []errorObject `json:"errors"`
}

type errorObject struct {
	Status string `json:"status"`
	Code   string `json:"code"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Source struct {
		Pointer   string `json:"pointer"`
		Parameter string `json:"parameter"`
	} `json:"source"`
}
