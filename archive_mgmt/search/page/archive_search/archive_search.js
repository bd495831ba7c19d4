// 档案检索: one box over the catalogue and the files' text (api/search.py), facets with counts, search within
// results, ranked results with highlighted snippets, paging, sort, and the Archive Item list's bulk actions.
{% include "archive_mgmt/public/js/bulk_actions.js" %}

frappe.pages["archive-search"].on_page_load = (wrapper) => {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Archive Search"), single_column: false });
	wrapper.archive_search = new ArchiveSearch(page);
};

frappe.pages["archive-search"].refresh = (wrapper) => {
	const query = frappe.utils.get_query_params().q;
	if (query && wrapper.archive_search) wrapper.archive_search.start(query);
};

const FACET_LABELS = {
	fonds: __("Fonds"),
	category: __("Archive Category"),
	year: __("Year"),
	retention_period: __("Retention Period"),
	filing_unit: __("Filing Unit"),
	carrier: __("Carrier"),
	secrecy_level: __("Secrecy Level"),
	status: __("Status"),
	has_files: __("Electronic Files"),
};

class ArchiveSearch {
	constructor(page) {
		this.page = page;
		this.within = [];
		this.filters = {};
		this.sort = "relevance";
		this.page_no = 1;
		this.text = "";
		this.make();
	}

	make() {
		const body = $(`
			<div class="archive-search">
				<div class="archive-search-bar" style="display:flex; gap:8px; align-items:center; margin-bottom:10px">
					<input type="search" class="form-control archive-search-box" style="flex:1"
						placeholder="${__('Words, "exact phrase", -exclude')}">
					<button class="btn btn-primary btn-sm archive-search-go">${__("Search the Archive")}</button>
					<button class="btn btn-default btn-sm archive-search-within">${__("Search within Results")}</button>
				</div>
				<div class="archive-search-chips" style="margin-bottom:8px"></div>
				<div class="archive-search-summary text-muted" style="margin-bottom:8px"></div>
				<div class="archive-search-dossiers" style="margin-bottom:10px"></div>
				<div class="archive-search-results"></div>
				<div class="archive-search-paging" style="display:flex; gap:8px; margin-top:10px"></div>
			</div>`).appendTo(this.page.main);
		this.$box = body.find(".archive-search-box");
		this.$results = body.find(".archive-search-results");
		this.$summary = body.find(".archive-search-summary");
		this.$dossiers = body.find(".archive-search-dossiers");
		this.$chips = body.find(".archive-search-chips");
		this.$paging = body.find(".archive-search-paging");
		this.$facets = $(`<div class="archive-search-facets"></div>`).appendTo(this.page.sidebar);
		this.$box.on("keydown", (e) => {
			if (e.key === "Enter") this.start(this.$box.val());
		});
		body.find(".archive-search-go").on("click", () => this.start(this.$box.val()));
		body.find(".archive-search-within").on("click", () => this.search_within());

		this.sort_field = this.page.add_field({
			fieldname: "sort",
			fieldtype: "Select",
			label: __("Sort By"),
			options: [
				{ value: "relevance", label: __("Relevance") },
				{ value: "date", label: __("Date") },
				{ value: "code", label: __("Reference Code") },
			],
			default: "relevance",
			change: () => {
				this.sort = this.sort_field.get_value() || "relevance";
				if (this.text) this.run(1);
			},
		});
		for (const [label, action] of archive_mgmt.bulk.add_actions) {
			this.page.add_actions_menu_item(label, () => action(this.selected()), false);
		}
		this.page.set_primary_action(__("Export Results"), () => this.export(), "es-line-download");
		this.$box.focus();
	}

	selected() {
		return this.$results
			.find("input.archive-search-check:checked")
			.map((i, el) => $(el).attr("data-name"))
			.get();
	}

	start(text) {
		this.text = (text || "").trim();
		this.$box.val(this.text);
		this.within = [];
		this.filters = {};
		this.run(1);
	}

	search_within() {
		const text = (this.$box.val() || "").trim();
		if (!this.text || !text || text === this.text) return;
		this.within.push(this.text);
		this.text = text;
		this.run(1);
	}

	args() {
		return {
			text: this.text,
			within: JSON.stringify(this.within),
			filters: JSON.stringify(this.filters),
			sort: this.sort,
		};
	}

	run(page_no) {
		if (!this.text) return;
		this.page_no = page_no;
		frappe
			.call({ method: "archive_mgmt.api.search.search", args: { ...this.args(), page: page_no }, freeze: false })
			.then(({ message }) => this.render(message));
	}

	render(data) {
		this.data = data;
		const chips = [...this.within, this.text].map(
			(q, i) => `<span class="badge badge-light archive-search-chip" style="margin-right:4px">${
				i ? __("within results") + " " : ""
			}${frappe.utils.escape_html(q)}</span>`
		);
		for (const [field, value] of Object.entries(this.filters)) {
			chips.push(
				`<span class="badge badge-info archive-search-filter" data-field="${field}" style="margin-right:4px; cursor:pointer">${
					FACET_LABELS[field]
				}: ${frappe.utils.escape_html(this.facet_label(field, value))} ×</span>`
			);
		}
		this.$chips.html(chips.join(""));
		this.$chips.find(".archive-search-filter").on("click", (e) => {
			delete this.filters[$(e.currentTarget).attr("data-field")];
			this.run(1);
		});
		this.$summary.text(__("{0} results", [data.total]));
		this.render_dossiers(data.dossiers);
		this.render_results(data);
		this.render_facets(data.facets);
		this.render_paging(data);
	}

	render_dossiers(dossiers) {
		if (!dossiers || !dossiers.total) {
			this.$dossiers.empty();
			return;
		}
		const rows = dossiers.results.map((d) => {
			const why = [
				d.own ? __("found in its own fields") : "",
				d.items ? __("{0} of its items found", [d.items]) : "",
			]
				.filter(Boolean)
				.join(" · ");
			return `<div class="archive-search-dossier" style="display:flex; gap:8px; align-items:baseline">
				<span class="text-muted">${frappe.utils.escape_html(d.reference_code || d.name)}</span>
				<a class="archive-search-open-dossier" data-name="${frappe.utils.escape_html(d.name)}"
					href="/app/dossier/${encodeURIComponent(d.name)}">${frappe.utils.escape_html(d.title || d.name)}</a>
				<span class="text-muted">${d.year || ""}</span>
				<span class="text-muted small">${why}</span></div>`;
		});
		const more =
			dossiers.total > dossiers.results.length
				? `<div class="text-muted small">${__("and {0} more dossiers", [dossiers.total - dossiers.results.length])}</div>`
				: "";
		this.$dossiers.html(
			`<div class="sidebar-label">${__("Dossiers ({0})", [dossiers.total])}</div>${rows.join("")}${more}`
		);
		this.$dossiers.find(".archive-search-open-dossier").on("click", (e) => {
			e.preventDefault();
			frappe.set_route("Form", "Dossier", $(e.currentTarget).attr("data-name"));
		});
	}

	facet_label(field, value) {
		if (field === "has_files") return value ? __("With Files") : __("Without Files");
		if (["carrier", "secrecy_level", "status"].includes(field)) return __(value);
		return String(value);
	}

	render_results(data) {
		const rows = data.results.map((r) => {
			const hits = r.hits
				.map((h) => {
					const where =
						h.where === "meta"
							? __("Catalogue Entry")
							: __("{0}, page {1}", [
									frappe.utils.escape_html(data.file_names[h.file] || h.file),
									h.page,
							  ]);
					return `<div class="archive-search-snippet small" style="margin-top:2px">
						<span class="text-muted">${where}:</span> ${h.snippet}</div>`;
				})
				.join("");
			return `<div class="archive-search-result" style="padding:8px 0; border-bottom:1px solid var(--border-color)">
				<div style="display:flex; gap:8px; align-items:baseline">
					<input type="checkbox" class="archive-search-check" data-name="${r.name}">
					<span class="text-muted archive-search-code">${frappe.utils.escape_html(r.reference_code || r.name)}</span>
					<a class="archive-search-open" href="/app/archive-item/${encodeURIComponent(r.name)}"
						data-name="${r.name}">${frappe.utils.escape_html(r.title || r.name)}</a>
					<span class="text-muted">${r.year || ""}</span>
					<span class="indicator-pill ${r.secrecy_level === "公开" || r.secrecy_level === "内部" ? "gray" : "red"}">${__(
						r.secrecy_level
					)}</span>
					${r.status === "Destroyed" ? `<span class="indicator-pill red">${__("Destroyed")}</span>` : ""}
				</div>${hits}</div>`;
		});
		this.$results.html(rows.join("") || `<div class="text-muted">${__("Nothing found")}</div>`);
		// the bulk actions show once a result is ticked, as in the list
		this.page.hide_actions_menu();
		this.$results.find(".archive-search-check").on("change", () => {
			if (this.selected().length) this.page.show_actions_menu();
			else this.page.hide_actions_menu();
		});
		this.$results.find(".archive-search-open").on("click", (e) => {
			e.preventDefault();
			frappe.set_route("Form", "Archive Item", $(e.currentTarget).attr("data-name"));
		});
	}

	render_facets(facets) {
		const html = Object.entries(FACET_LABELS)
			.filter(([field]) => (facets[field] || []).length && !(field in this.filters))
			.map(([field, label]) => {
				const values = facets[field]
					.slice(0, 12)
					.map(
						(f) => `<a class="archive-search-facet-value" data-field="${field}" data-value="${frappe.utils.escape_html(
							String(f.value)
						)}" style="display:flex; justify-content:space-between; cursor:pointer">
							<span>${frappe.utils.escape_html(this.facet_label(field, f.value))}</span>
							<span class="text-muted">${f.count}</span></a>`
					)
					.join("");
				return `<div class="archive-search-facet" data-field="${field}" style="margin-bottom:12px">
					<div class="sidebar-label">${label}</div>${values}</div>`;
			})
			.join("");
		this.$facets.html(html);
		this.$facets.find(".archive-search-facet-value").on("click", (e) => {
			const field = $(e.currentTarget).attr("data-field");
			let value = $(e.currentTarget).attr("data-value");
			if (field === "has_files") value = value === "1" ? 1 : 0;
			this.filters[field] = value;
			this.run(1);
		});
	}

	render_paging(data) {
		const pages = Math.max(1, Math.ceil(data.total / data.page_length));
		this.$paging.empty();
		if (pages <= 1) return;
		const button = (label, page_no, disabled) =>
			$(`<button class="btn btn-default btn-xs" ${disabled ? "disabled" : ""}>${label}</button>`)
				.on("click", () => this.run(page_no))
				.appendTo(this.$paging);
		button(__("Previous Page"), data.page - 1, data.page <= 1);
		$(`<span class="text-muted">${__("Page {0} of {1}", [data.page, pages], "Archive Search")}</span>`).appendTo(this.$paging);
		button(__("Next Page"), data.page + 1, data.page >= pages);
	}

	export() {
		if (!this.text) return;
		const query = new URLSearchParams(this.args());
		window.open(`/api/method/archive_mgmt.api.search.export?${query}`);
	}
}
