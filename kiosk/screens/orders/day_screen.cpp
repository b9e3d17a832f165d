#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/orders/orders_screens.h"
#include "kiosk/screens/orders/orders_ui.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
using i18n::trn;
namespace orders = services::orders;

namespace {

// The manager's day: the orders to hand over (a tap, then how it was paid), each supplier's list with its
// totals and a way to print it, and the orders left uncollected. Any day can be looked at, today by default.
class OrdersDayScreen final : public app::Screen {
public:
    enum class Tab { Pickup, Suppliers, Uncollected };

    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void open(app::ScreenContext& context) override {
        auto& book = orders_ui::ordersOf(context.services).book;
        day_ = book.today();
        tab_ = Tab::Pickup;
        selected_.clear();
        message_.clear();
        load(context);
    }
    void draw(app::ScreenContext& context) override;

private:
    void load(app::ScreenContext& context) {
        auto& book = orders_ui::ordersOf(context.services).book;
        pickup_ = book.pickupList(day_);
        lists_.clear();
        for (const auto& supplier : book.suppliers()) {
            const auto calendar = book.calendarOf(supplier.id);
            if (calendar && calendar->delivers(day_)) lists_.push_back(book.supplierList(supplier.id, day_));
        }
        uncollected_ = book.uncollected();
    }
    void drawTabs(app::ScreenContext& context);
    void drawOrderRows(app::ScreenContext& context, const std::vector<orders::Order>& rows, float height,
                       bool showDay);
    void drawPayment(app::ScreenContext& context);
    void drawLists(app::ScreenContext& context, float height);

    std::string day_;
    Tab tab_ = Tab::Pickup;
    orders::PickupList pickup_;
    std::vector<orders::SupplierList> lists_;
    std::vector<orders::Order> uncollected_;
    std::string selected_;  // the order being handed over
    std::string message_;
    bool messageIsError_ = false;
};

void OrdersDayScreen::drawTabs(app::ScreenContext& context) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = ui::em(0.4f);
    const ImVec2 nav(ui::em(3.2f), ui::em(1.9f));
    if (ui::button("orders.day.previous", ui::symbols::kBack, nav)) {
        context.later([this](app::ScreenContext& later) {
            day_ = services::health::addDays(day_, -1);
            selected_.clear();
            load(later);
        });
    }
    ImGui::SameLine(0.0f, gap);
    const float dayWidth = ui::em(14.0f);
    ui::button("orders.day.today", orders_ui::dayLabel(day_).c_str(), ImVec2(dayWidth, nav.y), ui::ButtonKind::Quiet);
    ImGui::SameLine(0.0f, gap);
    if (ui::button("orders.day.next", ui::symbols::kArrow, nav)) {
        context.later([this](app::ScreenContext& later) {
            day_ = services::health::addDays(day_, 1);
            selected_.clear();
            load(later);
        });
    }
    struct TabButton {
        const char* id;
        std::string label;
        Tab tab;
    };
    const TabButton tabs[] = {
        {"orders.tab.pickup", trf("orders.day.tab_pickup", {{"count", std::to_string(pickup_.toCollect.size())}}),
         Tab::Pickup},
        {"orders.tab.suppliers", tr("orders.day.tab_suppliers"), Tab::Suppliers},
        {"orders.tab.uncollected",
         trf("orders.day.tab_uncollected", {{"count", std::to_string(uncollected_.size())}}), Tab::Uncollected},
    };
    // The tabs on a row of their own, across the screen: their counts must fit in French at 1024 px.
    const float tabWidth = (width - gap * 2.0f) / 3.0f;
    bool first = true;
    for (const auto& tab : tabs) {
        if (!first) ImGui::SameLine(0.0f, gap);
        first = false;
        if (ui::button(tab.id, tab.label.c_str(), ImVec2(tabWidth, nav.y),
                       tab_ == tab.tab ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
            const Tab chosen = tab.tab;
            context.later([this, chosen] {
                tab_ = chosen;
                selected_.clear();
                message_.clear();
            });
        }
    }
    ImGui::Dummy(ui::em(1.0f, 0.2f));
}

void OrdersDayScreen::drawOrderRows(app::ScreenContext& context, const std::vector<orders::Order>& rows, float height,
                                    bool showDay) {
    ImGui::BeginChild("orders.rows", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 buttonSize(ui::em(7.0f), ui::em(2.0f));
    if (rows.empty()) ui::text(tr("orders.day.none"), ui::fonts().body, ui::colors::kTextMuted);
    for (const auto& order : rows) {
        ImGui::Separator();
        const float top = ImGui::GetCursorPosY();
        const std::string who = (showDay ? orders_ui::dayLabel(order.deliveryDay) + "  ·  " : std::string()) +
                                order.customerName + "  ·  " + orders::formatCents(order.totalCents);
        ui::text(who, ui::fonts().body);
        ui::textWrapped(orders_ui::linesText(order), width - buttonSize.x - ui::em(0.8f), ui::fonts().body,
                        ui::colors::kTextMuted);
        const float bottom = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + width - buttonSize.x, top));
        const std::string id = "orders.hand_over." + order.id;
        if (order.state == orders::OrderState::Open) {
            if (ui::button(id.c_str(), tr("orders.day.hand_over"), buttonSize,
                           selected_ == order.id ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
                const std::string orderId = order.id;
                context.later([this, orderId] {
                    selected_ = orderId;
                    message_.clear();
                });
            }
        } else {
            ui::text(tr("orders.day.collected"), ui::fonts().body, ui::colors::kSuccess);
        }
        ImGui::SetCursorPosY(std::max(bottom, top + buttonSize.y + ui::em(0.2f)));
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void OrdersDayScreen::drawPayment(app::ScreenContext& context) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (!message_.empty())
        ui::textWrapped(message_, width, ui::fonts().body, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
    if (selected_.empty()) return;
    const auto order = orders_ui::ordersOf(context.services).book.order(selected_);
    if (!order) return;
    ui::text(trf("orders.day.how_paid", {{"name", order->customerName}, {"amount", orders::formatCents(order->totalCents)}}),
             ui::fonts().body);
    struct Choice {
        const char* id;
        const char* labelKey;
        orders::OrderPayment payment;
    };
    static constexpr Choice kChoices[] = {
        {"orders.paid.cash", "orders.payment.cash", orders::OrderPayment::Cash},
        {"orders.paid.card", "orders.payment.card", orders::OrderPayment::Card},
        {"orders.paid.cheque", "orders.payment.cheque", orders::OrderPayment::Cheque},
        {"orders.paid.account", "orders.payment.account", orders::OrderPayment::Account},
    };
    const float gap = ui::em(0.5f);
    const ImVec2 size((width - gap * 3.0f) / 4.0f, ui::em(2.2f));
    for (std::size_t i = 0; i < std::size(kChoices); ++i) {
        if (i > 0) ImGui::SameLine(0.0f, gap);
        const bool enabled = kChoices[i].payment != orders::OrderPayment::Account || order->customerMemberId.has_value();
        if (!ui::button(kChoices[i].id, tr(kChoices[i].labelKey), size, ui::ButtonKind::Normal, enabled)) continue;
        const orders::OrderPayment payment = kChoices[i].payment;
        context.later([this, payment](app::ScreenContext& later) {
            auto& book = orders_ui::ordersOf(later.services).book;
            const auto result = book.collect(&*later.state.staff, selected_, payment);
            messageIsError_ = !result.ok();
            if (!result.ok()) message_ = orders_ui::refusalText(result.error);
            else if (payment == orders::OrderPayment::Account)
                message_ = trf("orders.day.on_account", {{"name", result.order->customerName},
                                                         {"amount", orders::formatCents(result.accountBalance)}});
            else message_ = trf("orders.day.handed_over", {{"name", result.order->customerName}});
            selected_.clear();
            load(later);
        });
    }
}

void OrdersDayScreen::drawLists(app::ScreenContext& context, float height) {
    ImGui::BeginChild("orders.lists", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 printSize(ui::em(7.0f), ui::em(1.9f));
    if (lists_.empty()) ui::text(tr("orders.day.no_delivery"), ui::fonts().body, ui::colors::kTextMuted);
    for (std::size_t i = 0; i < lists_.size(); ++i) {
        const auto& list = lists_[i];
        ImGui::Separator();
        const float top = ImGui::GetCursorPosY();
        ui::text(list.supplier.name, ui::fonts().title);
        ui::text(list.cutoffPassed ? tr("orders.day.list_closed")
                                   : trf("orders.day.list_open", {{"cutoff", orders_ui::cutoffText(list.supplier)}}),
                 ui::fonts().body, ui::colors::kTextMuted);
        const float after = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + width - printSize.x, top));
        const std::string id = "orders.print." + std::to_string(i);
        if (ui::button(id.c_str(), tr("orders.day.print"), printSize)) {
            const std::string supplierId = list.supplier.id;
            context.later([this, supplierId](app::ScreenContext& later) {
                messageIsError_ = false;
                if (orders_ui::ordersOf(later.services).printList(supplierId, day_)) message_ = tr("orders.day.printed");
            });
        }
        ImGui::SetCursorPosY(std::max(after, top + printSize.y + ui::em(0.2f)));
        if (list.items.empty()) ui::text(tr("orders.list.nothing"), ui::fonts().body, ui::colors::kTextMuted);
        for (const auto& item : list.items)
            ui::text("  " + std::to_string(item.quantity) + " × " + item.itemName + "   " +
                         orders::formatCents(item.amountCents),
                     ui::fonts().body);
        ui::text(trn("orders.list.order_count", list.orders.size(), {{"count", std::to_string(list.orders.size())}}) +
                     "  ·  " + orders::formatCents(list.totalCents),
                 ui::fonts().body, ui::colors::kTextMuted);
        if (list.supplier.listPerCustomer)
            for (const auto& order : list.orders)
                ui::textWrapped("    " + order.customerName + " : " + orders_ui::linesText(order), width,
                                ui::fonts().body, ui::colors::kTextMuted);
        for (const auto& skip : list.skipped)
            if (!skip.paused)
                ui::textWrapped(trf("orders.list.skipped", {{"name", skip.customerName},
                                                            {"item", skip.itemName},
                                                            {"why", tr(orders::errorKey(skip.reason))}}),
                                width, ui::fonts().body, ui::colors::kDanger);
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void OrdersDayScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("orders.day.title"), true)) {
        context.open(kStaffHomeScreen);
        return;
    }
    drawTabs(context);
    const float width = ImGui::GetContentRegionAvail().x;
    const float footer = ui::em(2.6f) + (selected_.empty() ? 0.0f : ui::em(3.6f)) + (message_.empty() ? 0.0f : ui::em(1.4f));
    const float height = ImGui::GetContentRegionAvail().y - footer;
    switch (tab_) {
    case Tab::Pickup: drawOrderRows(context, pickup_.toCollect, height, false); break;
    case Tab::Suppliers: drawLists(context, height); break;
    case Tab::Uncollected: drawOrderRows(context, uncollected_, height, true); break;
    }
    drawPayment(context);
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.2f));
    if (ui::button("orders.day.phone_order", tr("orders.day.phone_order"), size)) context.open(kOrdersOrderScreen);
    ImGui::SameLine(0.0f, gap);
    if (ui::button("orders.day.suppliers", tr("orders.day.edit_suppliers"), size)) context.open(kOrdersSuppliersScreen);
}

}  // namespace

void registerOrdersDayScreen(app::ScreenRegistry& registry) { registry.add<OrdersDayScreen>(kOrdersDayScreen); }

}  // namespace vk::screens
