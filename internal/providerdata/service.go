package providerdata

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Service is one vendor's part of the provider: its block of provider settings, how its client
// is made from them, and its resources and data sources. The provider is the list of them.
type Service struct {
	// Name is the provider block's name and the prefix of the environment variables, such as
	// "openprovider" (OPENPROVIDER_USERNAME).
	Name string
	// Title is the service as users know it, for messages, such as "NOAH (kyc)".
	Title string
	// Description is the provider block's documentation.
	Description string
	// Settings are the block's own attributes (credentials, say); every block also has base_url,
	// rate_limit and max_retries.
	Settings map[string]schema.Attribute
	// DefaultBaseURL is the production API; BaseURLNote and RateLimitNote add to those
	// attributes' documentation what users of this vendor need to know.
	DefaultBaseURL, BaseURLNote, RateLimitNote string
	// Connect makes the service's client from its settings. It reads each setting through
	// settings, which records missing credentials and problems for the provider to report.
	Connect func(settings *Settings) (any, error)

	Resources   []func() resource.Resource
	DataSources []func() datasource.DataSource
	// ListResources are the list resources of Resources (Terraform 1.14 and later).
	ListResources []func() list.ListResource
}

// Setting is an attribute of a service's provider block, which falls back to the environment
// variable <SERVICE>_<NAME>, as its description says.
func Setting(service, name, description string, sensitive bool) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		Sensitive:           sensitive,
		MarkdownDescription: description + " Falls back to `" + strings.ToUpper(service+"_"+name) + "`.",
	}
}

// Clients is what the provider hands to every resource and data source: each service's client,
// or the error that says why there is none.
type Clients struct {
	connections map[string]connection
}

// connection is a service's client or error; neither means its settings are not known yet.
type connection struct {
	client any
	err    error
}

// NewClients starts an empty set of connections; Connect adds each service's.
func NewClients() *Clients { return &Clients{connections: map[string]connection{}} }

// Connect makes service's client from settings, unless a setting is unknown yet.
func (c *Clients) Connect(service Service, settings *Settings) {
	client, err := service.Connect(settings)
	switch {
	case settings.unknown:
		return
	case err == nil:
		err = settings.missingCredentials(service.Title)
	}
	if err != nil {
		client = nil
	}
	c.connections[service.Name] = connection{client, err}
}

// ClientOf returns the client of the named service as a *C, or the error that says why there is
// none; (nil, nil) while its settings are not known.
func ClientOf[C any](clients *Clients, service string) (*C, error) {
	conn := clients.connections[service]
	if conn.err != nil || conn.client == nil {
		return nil, conn.err
	}
	client, ok := conn.client.(*C)
	if !ok {
		return nil, fmt.Errorf("the %s client is a %T, not a %T: this is a bug in the provider", service, conn.client, client)
	}
	return client, nil
}
