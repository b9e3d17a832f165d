#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/postal/postal_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/postal/postal_area.h"
#include "kiosk/services/postal/postal_receipts.h"
#include "kiosk/services/postal/registered_number.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
namespace postal = services::postal;

namespace {

// « Guichet postal »: big item buttons with their prices on the left, the basket on the right with +/−, the
// payment method, the total and « Encaisser », which records the sale and prints the receipt. A registered letter
// asks for its number (typed or scanned) and, if wished, the recipient's town.
class PostalSaleScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && postal::mayRunPostalCounter(&*staff);
    }
    void open(app::ScreenContext& context) override {
        message_.clear();
        mode_ = Mode::Basket;
        reload(context.services);
    }
    void draw(app::ScreenContext& context) override;
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override;

private:
    struct BasketLine {
        postal::PostalItem item;
        std::int64_t unitCents = 0;
        int quantity = 0;
    };
    struct Letter {
        postal::PostalItem item;
        std::int64_t unitCents = 0;
        std::string number;
        std::string town;
    };
    enum class Mode { Basket, Letter };
    enum class Field { Number, Town };

    void reload(app::KioskServices& services);
    void drawItems(float width, float height);
    void drawBasket(app::ScreenContext& context, float width, float height);
    void drawLetterEntry(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin);
    void checkOut(app::ScreenContext& context);
    std::int64_t totalCents() const;
    void say(std::string message, bool error) {
        message_ = std::move(message);
        messageIsError_ = error;
    }

    std::vector<postal::CatalogueEntry> catalogue_;
    std::vector<BasketLine> basket_;
    std::vector<Letter> letters_;
    postal::PaymentMethod method_ = postal::PaymentMethod::Cash;
    Mode mode_ = Mode::Basket;
    Field field_ = Field::Number;
    Letter editing_;
    ui::KeyboardState keyboard_;
    std::string message_;
    bool messageIsError_ = false;
    bool dayClosed_ = false;
};

void PostalSaleScreen::reload(app::KioskServices& services) {
    auto& counter = postalOf(services).counter;
    catalogue_ = counter.catalogue();
    dayClosed_ = counter.isClosed(counter.today());
}

std::int64_t PostalSaleScreen::totalCents() const {
    std::int64_t total = 0;
    for (const BasketLine& line : basket_) total += line.unitCents * line.quantity;
    for (const Letter& letter : letters_) total += letter.unitCents;
    return total;
}

void PostalSaleScreen::drawItems(float width, float height) {
    ImGui::BeginChild("postal.items", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float gap = ui::em(0.5f);
    const ImVec2 size((ImGui::GetContentRegionAvail().x - gap) * 0.5f - 1.0f, ui::em(4.2f));
    int column = 0;
    for (const postal::CatalogueEntry& entry : catalogue_) {
        if (!entry.priceTodayCents) continue;
        if (column++ % 2 == 1) ImGui::SameLine(0.0f, gap);
        const std::string id = "postal.item." + entry.item.code;
        const std::string label = entry.item.name + "\n" + postal::formatCents(*entry.priceTodayCents);
        if (!ui::button(id.c_str(), label.c_str(), size, ui::ButtonKind::Normal, !dayClosed_)) continue;
        if (entry.item.kind == postal::PostalItemKind::Registered) {
            editing_ = {entry.item, *entry.priceTodayCents, "", ""};
            field_ = Field::Number;
            keyboard_ = {};
            keyboard_.page = ui::KeyboardPage::Symbols;  // a number is mostly digits
            mode_ = Mode::Letter;
            message_.clear();
            continue;
        }
        auto found = std::find_if(basket_.begin(), basket_.end(),
                                  [&](const BasketLine& line) { return line.item.id == entry.item.id; });
        if (found == basket_.end())
            basket_.push_back({entry.item, *entry.priceTodayCents, 1});
        else
            found->quantity = std::min(found->quantity + 1, postal::PostalCounter::kMaxQuantity);
        message_.clear();
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void PostalSaleScreen::drawBasket(app::ScreenContext& context, float width, float height) {
    const ui::Fonts& fonts = ui::fonts();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float footer = ui::em(8.4f);
    ImGui::BeginChild("postal.basket", ImVec2(width, std::max(ui::em(3.0f), height - footer)), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    if (basket_.empty() && letters_.empty())
        ui::textWrapped(tr("postal.sale.empty"), width - ui::em(0.5f), fonts.body, ui::colors::kTextMuted);
    const ImVec2 small(ui::em(2.2f), ui::em(2.0f));
    const float amountWidth = ui::em(5.0f);
    for (std::size_t i = 0; i < basket_.size(); ++i) {
        BasketLine& line = basket_[i];
        ImGui::Separator();
        ui::textWrapped(line.item.name, width - ui::em(0.5f), fonts.small);
        const std::string minus = "postal.minus." + line.item.code;
        if (ui::button(minus.c_str(), tr("postal.sale.less"), small)) {
            if (--line.quantity <= 0) {
                basket_.erase(basket_.begin() + static_cast<std::ptrdiff_t>(i));
                break;
            }
        }
        ImGui::SameLine(0.0f, ui::em(0.3f));
        ui::text(std::to_string(line.quantity), fonts.title);
        ImGui::SameLine(0.0f, ui::em(0.3f));
        const std::string plus = "postal.plus." + line.item.code;
        if (ui::button(plus.c_str(), tr("postal.sale.more"), small))
            line.quantity = std::min(line.quantity + 1, postal::PostalCounter::kMaxQuantity);
        ImGui::SameLine(width - amountWidth);
        ui::text(postal::formatCents(line.unitCents * line.quantity), fonts.body);
    }
    for (std::size_t i = 0; i < letters_.size(); ++i) {
        const Letter& letter = letters_[i];
        ImGui::Separator();
        ui::textWrapped(letter.item.name + " · " + letter.number + (letter.town.empty() ? "" : " · " + letter.town),
                        width - ui::em(0.5f), fonts.small);
        const std::string remove = "postal.letter.remove." + std::to_string(i);
        if (ui::button(remove.c_str(), tr("postal.sale.remove"), ImVec2(ui::em(6.0f), ui::em(1.8f)))) {
            letters_.erase(letters_.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
        ImGui::SameLine(width - amountWidth);
        ui::text(postal::formatCents(letter.unitCents), fonts.body);
    }
    ui::dragToScroll();
    ImGui::EndChild();

    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + std::max(ui::em(3.0f), height - footer) + ui::em(0.3f)));
    const float gap = ui::em(0.3f);
    const ImVec2 methodSize((width - 2 * gap) / 3.0f, ui::em(1.9f));
    const std::pair<postal::PaymentMethod, const char*> methods[] = {
        {postal::PaymentMethod::Cash, "postal.method.cash"},
        {postal::PaymentMethod::Card, "postal.method.card"},
        {postal::PaymentMethod::Cheque, "postal.method.cheque"},
    };
    for (std::size_t i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine(0.0f, gap);
        const std::string id = std::string("postal.") + (i == 0 ? "cash" : i == 1 ? "card" : "cheque");
        if (ui::button(id.c_str(), tr(methods[i].second), methodSize,
                       method_ == methods[i].first ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            method_ = methods[i].first;
    }
    ui::text(i18n::trf("postal.sale.total", {{"amount", postal::formatCents(totalCents())}}), fonts.title);
    const bool any = !basket_.empty() || !letters_.empty();
    if (ui::button("postal.checkout", tr("postal.sale.checkout"), ImVec2(width, ui::em(2.4f)), ui::ButtonKind::Primary,
                   any && !dayClosed_))
        checkOut(context);
    if (dayClosed_)
        ui::textWrapped(tr("postal.error.day_closed"), width, fonts.small, ui::colors::kDanger);
    else if (!message_.empty())
        ui::textWrapped(message_, width, fonts.small, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
}

void PostalSaleScreen::checkOut(app::ScreenContext& context) {
    postal::SaleRequest request;
    for (const BasketLine& line : basket_) request.lines.push_back({line.item.id, line.quantity});
    for (const Letter& letter : letters_) request.letters.push_back({letter.item.id, letter.number, letter.town});
    request.method = method_;
    context.later([this, request](app::ScreenContext& later) {
        const postal::SaleResult result = postalOf(later.services).counter.sell(&*later.state.staff, request);
        if (!result.ok()) {
            say(postalErrorText(result.error), true);
            reload(later.services);
            return;
        }
        later.services.printer.submit(postal::saleReceipt(*result.sale, later.services.config.villageName));
        say(i18n::trf("postal.sale.done", {{"amount", postal::formatCents(result.sale->totalCents)}}), false);
        basket_.clear();
        letters_.clear();
        method_ = postal::PaymentMethod::Cash;
    });
}

void PostalSaleScreen::drawLetterEntry(app::ScreenContext& context, const ImVec2& area, const ImVec2& origin) {
    (void)context;
    const ui::Fonts& fonts = ui::fonts();
    ui::text(editing_.item.name + " · " + postal::formatCents(editing_.unitCents), fonts.body);
    const float column = (area.x - ui::em(1.0f)) * 0.5f;
    const auto field = [&](const char* id, const char* label, const std::string& value, Field which) {
        ImGui::BeginGroup();
        ui::text(tr(label), fonts.small);
        if (ui::textField(id, value, "", field_ == which, false, column)) {
            field_ = which;
            keyboard_ = {};
            if (which == Field::Number) keyboard_.page = ui::KeyboardPage::Symbols;
            keyboard_.shift = which == Field::Town;
        }
        ImGui::EndGroup();
    };
    field("postal.letter.number", "postal.letter.number", editing_.number, Field::Number);
    ImGui::SameLine(0.0f, ui::em(1.0f));
    field("postal.letter.town", "postal.letter.town", editing_.town, Field::Town);
    const ImVec2 action(ui::em(8.0f), ui::em(1.9f));
    bool add = ui::button("postal.letter.add", tr("postal.letter.add"), action, ui::ButtonKind::Primary);
    ImGui::SameLine(0.0f, ui::em(0.6f));
    if (ui::button("postal.letter.cancel", tr("common.cancel"), action)) {
        mode_ = Mode::Basket;
        message_.clear();
        return;
    }
    if (!message_.empty()) {
        ImGui::SameLine(0.0f, ui::em(0.6f));
        ui::text(message_, fonts.small, ui::colors::kDanger);
    }
    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
    std::string& typed = field_ == Field::Number ? editing_.number : editing_.town;
    const std::size_t limit = field_ == Field::Number ? 20 : postal::PostalCounter::kMaxTownLength;
    if (ui::drawKeyboard(typed, keyboard_, limit, ImVec2(area.x, origin.y + area.y - top), tr("common.next"))) {
        if (field_ == Field::Number) {
            field_ = Field::Town;
            keyboard_ = {};
            keyboard_.shift = true;
        } else {
            add = true;
        }
    }
    if (!add) return;
    const postal::RegisteredNumberCheck check = postal::checkRegisteredNumber(editing_.number);
    if (!check.ok()) {
        say(tr(check.problem == postal::RegisteredNumberProblem::CheckDigit ? "postal.error.check_digit"
                                                                              : "postal.error.letter_number"),
            true);
        field_ = Field::Number;
        return;
    }
    for (const Letter& letter : letters_)
        if (letter.number == check.normalized) {
            say(tr("postal.error.letter_twice"), true);
            return;
        }
    editing_.number = check.normalized;
    letters_.push_back(editing_);
    mode_ = Mode::Basket;
    message_.clear();
}

bool PostalSaleScreen::onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) {
    (void)context;
    if (event.kind != hardware::ReadKind::Barcode) return false;
    // The scanner reads the recommandé form's barcode: into the number field, or a new letter of the first
    // registered item when the basket is up.
    if (mode_ == Mode::Basket) {
        const auto registered = std::find_if(catalogue_.begin(), catalogue_.end(), [](const postal::CatalogueEntry& e) {
            return e.item.kind == postal::PostalItemKind::Registered && e.priceTodayCents;
        });
        if (registered == catalogue_.end() || dayClosed_) return false;
        editing_ = {registered->item, *registered->priceTodayCents, "", ""};
        mode_ = Mode::Letter;
    }
    editing_.number = event.value.substr(0, 20);
    field_ = Field::Town;
    keyboard_ = {};
    keyboard_.shift = true;
    message_.clear();
    return true;
}

void PostalSaleScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("postal.sale.title"), true)) {
        if (mode_ == Mode::Letter)
            mode_ = Mode::Basket;
        else
            context.open(kStaffHomeScreen);
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    if (mode_ == Mode::Letter) {
        drawLetterEntry(context, area, origin);
        return;
    }
    const float gap = ui::em(1.0f);
    const float left = (area.x - gap) * 0.62f;
    const float right = area.x - gap - left;
    const float links = ui::em(2.4f);
    drawItems(left, area.y - links - ui::em(0.4f));
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + area.y - links));
    const ImVec2 link((left - ui::em(0.5f)) * 0.5f, links);
    if (ui::button("postal.open_catalogue", tr("staff.home.postal_catalogue"), link)) context.open(kPostalCatalogueScreen);
    ImGui::SameLine(0.0f, ui::em(0.5f));
    if (ui::button("postal.open_closing", tr("staff.home.postal_closing"), link)) context.open(kPostalClosingScreen);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
    ImGui::BeginGroup();
    drawBasket(context, right, area.y);
    ImGui::EndGroup();
}

}  // namespace

void registerPostalSaleScreen(app::ScreenRegistry& registry) { registry.add<PostalSaleScreen>(kPostalSaleScreen); }

}  // namespace vk::screens
