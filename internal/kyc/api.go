package kyc

// The wire types of NOAH's customer API: JSON with PascalCase names and no envelope.

// CustomerInput is the body of a PUT: the customer's whole record (NOAH replaces what it had).
type CustomerInput struct {
	Type             string     `json:"Type"`
	FullName         FullName   `json:"FullName"`
	DateOfBirth      string     `json:"DateOfBirth"`
	Email            string     `json:"Email,omitempty"`
	PhoneNumber      string     `json:"PhoneNumber,omitempty"`
	Identities       []Identity `json:"Identities"`
	PrimaryResidence Address    `json:"PrimaryResidence"`
}

// Customer is a customer as NOAH returns it; Email and PhoneNumber are never returned.
type Customer struct {
	Type             string        `json:"Type"`
	CustomerID       string        `json:"CustomerID"`
	Created          string        `json:"Created"`
	DateOfBirth      string        `json:"DateOfBirth"`
	FullName         FullName      `json:"FullName"`
	Identities       []Identity    `json:"Identities"`
	PrimaryResidence Address       `json:"PrimaryResidence"`
	Verification     *Verification `json:"Verification"`
}

// FullName is a customer's legal name.
type FullName struct {
	FirstName  string `json:"FirstName"`
	LastName   string `json:"LastName"`
	MiddleName string `json:"MiddleName,omitempty"`
}

// Identity is an identity document; IDNumber is a secret.
type Identity struct {
	IssuingCountry string `json:"IssuingCountry"`
	IDNumber       string `json:"IDNumber"`
	IssuedDate     string `json:"IssuedDate,omitempty"`
	ExpiryDate     string `json:"ExpiryDate,omitempty"`
	IDType         string `json:"IDType"`
}

// Address is a customer's primary residence.
type Address struct {
	Street   string `json:"Street"`
	Street2  string `json:"Street2,omitempty"`
	City     string `json:"City"`
	PostCode string `json:"PostCode"`
	State    string `json:"State"`
	Country  string `json:"Country"`
}

// Verification is the outcome of NOAH's checks (deprecated by NOAH in favour of Verifications,
// but the only status an individual Reliance customer has).
type Verification struct {
	Model  string `json:"Model"`
	Status string `json:"Status"`
}

// errorBody is NOAH's Error answer.
type errorBody struct {
	Type             string `json:"Type"`
	Instance         string `json:"Instance"`
	Action           string `json:"Action"`
	Detail           string `json:"Detail"`
	RequestExtension struct {
		Body []struct {
			Field       string `json:"Field"`
			Reason      string `json:"Reason"`
			Description string `json:"Description"`
		} `json:"Body"`
	} `json:"RequestExtension"`
}
