#include "net/mail_message.h"
#include "net/sms_gateway.h"

#include <catch2/catch.hpp>

#include <string>

using namespace vk::net;

namespace {

MailMessage arrival() {
    MailMessage message;
    message.fromAddress = "relais@cafe-saint-aubin.fr";
    message.fromName = "Café de Saint-Aubin";
    message.toAddress = "marie.lefevre@example.fr";
    message.subject = "« Votre colis » vous attend au café, avec un cœur et 3 € à payer";
    message.body = "Bonjour,\nvotre colis est arrivé.\n";
    message.messageId = outboxMessageId("0194f2d3-7c1e-7a3b-9f00-1234567890ab", "5d0c6f0e-1111-4222-8333-444455556666");
    message.dateMs = 1'796'000'000'000;
    return message;
}

bool everyLineFits(const std::string& text) {
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\r\n", start);
        if (end == std::string::npos) end = text.size();
        if (end - start > 78) return false;
        start = end + 2;
    }
    return true;
}

}  // namespace

TEST_CASE("an e-mail is written with encoded words, quoted-printable text and lines of 78 at most", "[net][outbox]") {
    const std::string raw = buildMailMessage(arrival());
    CHECK(raw.find("Date: Mon, 30 Nov 2026 00:53:20 +0000\r\n") != std::string::npos);
    CHECK(raw.find("Message-ID: <0194f2d3-7c1e-7a3b-9f00-1234567890ab@5d0c6f0e1111.village-kiosk>\r\n") !=
          std::string::npos);
    CHECK(raw.find("Subject: =?UTF-8?B?") != std::string::npos);
    CHECK(raw.find("From: =?UTF-8?B?") != std::string::npos);
    CHECK(raw.find("<relais@cafe-saint-aubin.fr>") != std::string::npos);
    CHECK(raw.find("Content-Transfer-Encoding: quoted-printable\r\n") != std::string::npos);
    CHECK(raw.find("arriv=C3=A9") != std::string::npos);
    CHECK(raw.find("\n") == raw.find("\r\n") + 1);
    CHECK(everyLineFits(raw));
}

TEST_CASE("a long line of text is cut with soft breaks and a trailing space is kept visible", "[net][outbox]") {
    const std::string encoded = encodeQuotedPrintable(std::string(200, 'e') + " \nfin");
    CHECK(everyLineFits(encoded));
    CHECK(encoded.find("=\r\n") != std::string::npos);
    CHECK(encoded.find("=20\r\nfin") != std::string::npos);
    CHECK(encodeQuotedPrintable(".\n.") == "=2E\r\n=2E");
}

TEST_CASE("a line break in an address or a name cannot add a header", "[net][outbox][bad-input]") {
    MailMessage message = arrival();
    message.toAddress = "marie@example.fr\r\nBcc: all@example.fr";
    CHECK_THROWS_AS(buildMailMessage(message), MailHeaderError);
    message = arrival();
    message.toAddress = "marie@example.fr\nBcc: all@example.fr";
    CHECK_THROWS_AS(buildMailMessage(message), MailHeaderError);
    message = arrival();
    message.fromName = "Café\r\nBcc: all@example.fr";
    CHECK_THROWS_AS(buildMailMessage(message), MailHeaderError);
    message = arrival();
    message.toAddress = "marie@example.fr, all@example.fr";
    CHECK_THROWS_AS(buildMailMessage(message), MailHeaderError);
    // In a subject or the text a line break is only text: encoded, never a header of its own.
    message = arrival();
    message.subject = "Colis\r\nBcc: all@example.fr";
    message.body = "Bonjour\r\nBcc: all@example.fr\r\n";
    const std::string raw = buildMailMessage(message);
    const std::string headers = raw.substr(0, raw.find("\r\n\r\n") + 2);
    CHECK(headers.find("\r\nBcc:") == std::string::npos);
    CHECK(headers.find("\nBcc:") == std::string::npos);
}

TEST_CASE("10 000 characters of subject are folded into encoded words that each fit", "[net][outbox][bad-input]") {
    std::string subject;
    for (int i = 0; i < 2500; ++i) subject += "é€ab";
    MailMessage message = arrival();
    message.subject = subject;
    const std::string raw = buildMailMessage(message);
    CHECK(everyLineFits(raw));
}

TEST_CASE("the SMS request escapes the text for a JSON body and percent-encodes it for a form", "[net][outbox]") {
    SmsGatewaySettings settings;
    settings.url = "https://sms.example.fr/send";
    settings.headers = {"Content-Type: application/json"};
    settings.bodyTemplate = R"({"to":"{phone}","text":"{text}"})";
    const auto json = smsGatewayRequest(settings, "id-1", "+33612345678", "Code \"K7\"\n{phone} à 3 €");
    REQUIRE(json.body);
    CHECK(*json.body == R"({"to":"+33612345678","text":"Code \"K7\"\n{phone} à 3 €"})");
    CHECK(json.headers.back() == "Idempotency-Key: id-1");
    CHECK(json.method == "POST");

    settings.headers.clear();
    settings.bodyTemplate = "to={phone}&text={text}";
    const auto form = smsGatewayRequest(settings, "id-1", "+33612345678", "a&b=c é");
    CHECK(*form.body == "to=%2B33612345678&text=a%26b%3Dc%20%C3%A9");
    CHECK(form.headers.front() == "Content-Type: application/x-www-form-urlencoded");
}

TEST_CASE("gateway answers: 2xx sent, 408 429 5xx and timeouts later, other 4xx refused", "[net][outbox]") {
    HttpResponse response;
    response.outcome = HttpOutcome::Ok;
    response.status = 202;
    CHECK(classifyGatewayResponse(response, 0).outcome == DeliveryOutcome::Sent);
    response.outcome = HttpOutcome::HttpError;
    for (const long status : {408L, 429L, 500L, 503L}) {
        response.status = status;
        CHECK(classifyGatewayResponse(response, 0).outcome == DeliveryOutcome::Transient);
    }
    for (const long status : {400L, 401L, 404L, 422L}) {
        response.status = status;
        CHECK(classifyGatewayResponse(response, 0).outcome == DeliveryOutcome::Permanent);
    }
    response.status = 429;
    response.retryAfter = "120";
    CHECK(classifyGatewayResponse(response, 0).retryAfter == std::chrono::milliseconds(120'000));
    response.outcome = HttpOutcome::Timeout;
    response.status = 0;
    CHECK(classifyGatewayResponse(response, 0).outcome == DeliveryOutcome::Transient);
}

TEST_CASE("a gateway header with a line break or our own Idempotency-Key is refused", "[net][outbox][bad-input]") {
    CHECK_FALSE(rejectGatewayHeader("Authorization: Bearer abc"));
    CHECK(rejectGatewayHeader("Authorization: Bearer abc\r\nX-Evil: 1"));
    CHECK(rejectGatewayHeader("no colon here"));
    CHECK(rejectGatewayHeader("Idempotency-Key: mine"));
}
