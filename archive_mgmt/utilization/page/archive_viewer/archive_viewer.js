// 在线阅览: the borrower reads an item's files page by page, as watermarked images the server renders.
// Opened from the item form or the loan form (route options loan and/or item). Every page is asked of the
// server, which checks the loan each time: once the item is returned the next page is refused.
// Wrapped so that evaluating the page's script again declares nothing twice.
(() => {
	const VIEWER_API = "archive_mgmt.api.online_use";

	frappe.pages["archive-viewer"].on_page_load = (wrapper) => {
		const page = frappe.ui.make_app_page({
			parent: wrapper,
			title: __("Online Viewer"),
			single_column: true,
		});
		wrapper.viewer = new ArchiveViewer(page);
	};

	frappe.pages["archive-viewer"].on_page_show = (wrapper) => {
		const options = Object.assign({}, frappe.utils.get_query_params(), frappe.route_options || {});
		frappe.route_options = null;
		if (options.loan || options.item) wrapper.viewer.open(options.loan, options.item);
	};

	class ArchiveViewer {
		constructor(page) {
			this.page = page;
			this.$body = $(`
				<div class="archive-viewer">
					<div class="archive-viewer-head text-muted"></div>
					<div class="archive-viewer-choose" style="display: flex; gap: var(--margin-md); flex-wrap: wrap;"></div>
					<div class="archive-viewer-bar" style="display: flex; gap: var(--margin-sm); align-items: center; margin: var(--margin-md) 0;">
						<button class="btn btn-default btn-sm archive-viewer-prev">${__("Previous Page")}</button>
						<span class="archive-viewer-position"></span>
						<button class="btn btn-default btn-sm archive-viewer-next">${__("Next Page")}</button>
					</div>
					<div class="archive-viewer-message text-muted"></div>
					<div class="archive-viewer-sheet" style="text-align: center;">
						<img class="archive-viewer-page" style="max-width: 100%; box-shadow: var(--shadow-md);" alt="">
					</div>
				</div>`).appendTo(page.main);
			this.$body.find(".archive-viewer-prev").on("click", () => this.show(this.number - 1));
			this.$body.find(".archive-viewer-next").on("click", () => this.show(this.number + 1));
			this.$body.find(".archive-viewer-sheet").hide();
			this.$body.find(".archive-viewer-bar").hide();
		}

		open(loan, item) {
			this.reset();
			frappe
				.call({ method: `${VIEWER_API}.viewer_context`, args: { loan, item }, error: (r) => this.ended(r) })
				.then((r) => {
					if (!r || !r.message) return;
					this.context = r.message;
					this.render_head();
					this.render_choices(item);
				});
		}

		reset() {
			this.context = null;
			this.item = this.file = null;
			this.number = 1;
			this.page.clear_actions_menu && this.page.clear_actions_menu();
			this.page.clear_primary_action();
			this.page.clear_secondary_action();
			this.$body.find(".archive-viewer-head, .archive-viewer-choose, .archive-viewer-message").empty();
			this.$body.find(".archive-viewer-sheet, .archive-viewer-bar").hide();
		}

		render_head() {
			const c = this.context;
			const parts = [
				__("Loan {0}", [c.loan]),
				__("Use Mode: {0}", [__(c.use_mode)]),
				c.due_date ? __("Due {0}", [frappe.datetime.str_to_user(c.due_date)]) : "",
				c.may_copy ? __("Watermarked copies may be printed or downloaded") : __("View only: no copy"),
			];
			this.$body.find(".archive-viewer-head").text(parts.filter(Boolean).join(" · "));
			if (c.may_copy) {
				this.page.set_primary_action(__("Download Watermarked Copy"), () => this.copy("download_copy"));
				this.page.set_secondary_action(__("Print"), () => this.copy("print_copy"));
			}
		}

		render_choices(item) {
			const items = this.context.items || [];
			const $choose = this.$body.find(".archive-viewer-choose").empty();
			if (!items.length) {
				this.say(__("No item of this loan is open for online viewing"));
				return;
			}
			const $items = $(`<select class="form-control input-sm" style="max-width: 32em;"></select>`).appendTo($choose);
			for (const it of items) {
				$("<option>")
					.val(it.name)
					.text(`${it.reference_code || it.name} ${it.title || ""}`)
					.appendTo($items);
			}
			const $files = $(`<select class="form-control input-sm" style="max-width: 24em;"></select>`).appendTo($choose);
			const choose_item = (name) => {
				this.item = items.find((it) => it.name === name);
				$files.empty();
				const files = this.item.files.filter((f) => f.pages);
				for (const f of files) {
					$("<option>").val(f.name).text(__("{0} ({1} pages)", [f.file_name, f.pages])).appendTo($files);
				}
				if (!files.length) {
					this.file = null;
					this.$body.find(".archive-viewer-sheet, .archive-viewer-bar").hide();
					this.say(__("This item has no file that can be viewed online"));
					return;
				}
				choose_file(files[0].name);
			};
			const choose_file = (name) => {
				this.file = this.item.files.find((f) => f.name === name);
				this.show(1);
			};
			$items.on("change", () => choose_item($items.val()));
			$files.on("change", () => choose_file($files.val()));
			$items.val(item && items.some((it) => it.name === item) ? item : items[0].name);
			choose_item($items.val());
		}

		show(number) {
			if (!this.file || number < 1 || number > this.file.pages) return;
			this.say(__("Loading page {0}…", [number]));
			frappe
				.call({
					method: `${VIEWER_API}.view_page`,
					args: { loan: this.context.loan, item: this.item.name, file: this.file.name, page: number },
					error: (r) => this.ended(r),
				})
				.then((r) => {
					if (!r || !r.message) return;
					const p = r.message;
					this.number = p.page;
					this.file.pages = p.pages;
					this.$body.find(".archive-viewer-page").attr("src", p.image).attr("data-page", p.page);
					this.$body.find(".archive-viewer-position").text(__("Page {0} of {1}", [p.page, p.pages], "Archive Viewer"));
					this.$body.find(".archive-viewer-prev").prop("disabled", p.page <= 1);
					this.$body.find(".archive-viewer-next").prop("disabled", p.page >= p.pages);
					this.$body.find(".archive-viewer-sheet, .archive-viewer-bar").show();
					this.say(__("Watermark: {0}", [p.watermark]));
				});
		}

		copy(method) {
			if (!this.file) return;
			const args = { loan: this.context.loan, item: this.item.name, file: this.file.name };
			window.open(`/api/method/${VIEWER_API}.${method}?${$.param(args)}`);
		}

		ended(r) {
			// The server refused (the loan ended, the item was returned): nothing of the item stays on screen.
			this.$body.find(".archive-viewer-page").attr("src", "").removeAttr("data-page");
			this.$body.find(".archive-viewer-sheet, .archive-viewer-bar").hide();
			this.page.clear_primary_action();
			this.page.clear_secondary_action();
			this.say(__("The online view has ended"));
		}

		say(text) {
			this.$body.find(".archive-viewer-message").text(text);
		}
	}
})();
