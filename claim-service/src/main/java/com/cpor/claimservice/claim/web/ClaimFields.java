package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.domain.ClaimDetails;
import com.cpor.events.Activity;
import com.cpor.events.SolutionArea;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The partner's fields of a claim as the API reads and writes them (create body, merge-patch target, response part);
 * mapped to and from the domain's {@link ClaimDetails}, so the domain's records are never bound to a request.
 * The schema names stay those of the API document (ClaimDetails, Customer, Product, Contact).
 */
@Schema(name = "ClaimDetails")
public record ClaimFields(
        String name,
        String partnerId,
        SolutionArea solutionArea,
        Activity activity,
        Customer customer,
        List<Product> products,
        Contact customerContact,
        Contact customerTechnicalContact,
        Contact partnerContact,
        String solutionSellerName,
        String isvSolutionName) {

    /** As the domain record does, while the body is read: a null among the products is a 400 naming the field. */
    public ClaimFields {
        products = products == null ? List.of() : List.copyOf(products);
    }

    static ClaimFields of(ClaimDetails details) {
        return new ClaimFields(details.name(), details.partnerId(), details.solutionArea(), details.activity(),
                Customer.of(details.customer()), Product.of(details.products()), Contact.of(details.customerContact()),
                Contact.of(details.customerTechnicalContact()), Contact.of(details.partnerContact()),
                details.solutionSellerName(), details.isvSolutionName());
    }

    ClaimDetails toDetails() {
        return new ClaimDetails(name, partnerId, solutionArea, activity, customer == null ? null : customer.toDomain(),
                products.stream().map(Product::toDomain).toList(),
                Contact.toDomain(customerContact), Contact.toDomain(customerTechnicalContact),
                Contact.toDomain(partnerContact), solutionSellerName, isvSolutionName);
    }

    /** See the domain's {@link com.cpor.claimservice.claim.domain.Customer}. */
    @Schema(name = "Customer")
    public record Customer(String tenantId, String domain, String name, List<String> declaredDomains) {

        // no copy here: the domain's Customer copies, keeping a null entry for the rules to name (List.copyOf would
        // refuse the whole body as unreadable)

        static Customer of(com.cpor.claimservice.claim.domain.Customer customer) {
            return customer == null ? null
                    : new Customer(customer.tenantId(), customer.domain(), customer.name(), customer.declaredDomains());
        }

        com.cpor.claimservice.claim.domain.Customer toDomain() {
            return new com.cpor.claimservice.claim.domain.Customer(tenantId, domain, name, declaredDomains);
        }
    }

    /** See the domain's {@link com.cpor.claimservice.claim.domain.Product}. */
    @Schema(name = "Product")
    public record Product(String code, String subscriptionId) {

        static List<Product> of(List<com.cpor.claimservice.claim.domain.Product> products) {
            return products.stream().map(p -> p == null ? null : new Product(p.code(), p.subscriptionId())).toList();
        }

        com.cpor.claimservice.claim.domain.Product toDomain() {
            return new com.cpor.claimservice.claim.domain.Product(code, subscriptionId);
        }
    }

    /** See the domain's {@link com.cpor.claimservice.claim.domain.Contact}. */
    @Schema(name = "Contact")
    public record Contact(String name, String title, String email, String locale,
                   @Schema(description = "IANA time zone the contact's e-mails and pages show dates in, e.g. "
                           + "Europe/Warsaw. Optional: by default the zone of the locale's country (pl-PL Europe/Warsaw, "
                           + "hu-HU Europe/Budapest, ru-RU Europe/Moscow, zh-CN Asia/Shanghai), else the deployment's zone",
                           example = "Europe/Warsaw") String timeZone) {

        static Contact of(com.cpor.claimservice.claim.domain.Contact contact) {
            return contact == null ? null
                    : new Contact(contact.name(), contact.title(), contact.email(), contact.locale(), contact.timeZone());
        }

        static com.cpor.claimservice.claim.domain.Contact toDomain(Contact contact) {
            return contact == null ? null : new com.cpor.claimservice.claim.domain.Contact(contact.name, contact.title,
                    contact.email, contact.locale, contact.timeZone);
        }
    }
}
