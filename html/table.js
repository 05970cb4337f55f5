// Sorting and filtering for the report's tables: click a header of a table.sortable to sort by that column
// (again to reverse); type in an input[data-filter-for] to show only the rows of that table containing the text.
// Plain script without dependencies, so that the pages work opened from disk.
(function () {
  "use strict";

  function cellValue(row, column) {
    var cell = row.cells[column];
    if (!cell) {
      return "";
    }
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
  }

  // Empty cells (no forecast, no points) sort last in both directions.
  function compare(a, b, numeric, direction) {
    if (a === "" || b === "") {
      return (a === "") - (b === "");
    }
    var order = numeric ? Number(a) - Number(b) : a.localeCompare(b, undefined, { numeric: true });
    return order * direction;
  }

  function sortBy(table, header) {
    var column = header.cellIndex;
    var direction = header.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    var numeric = header.getAttribute("data-type") === "number";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (x, y) {
      return compare(cellValue(x, column), cellValue(y, column), numeric, direction);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
      header.tabIndex = 0;
      header.title = "Sort by this column";
      header.addEventListener("click", function () { sortBy(table, header); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, header);
        }
      });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter-for]"), function (input) {
    var table = document.getElementById(input.getAttribute("data-filter-for"));
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) < 0;
      });
    });
  });
}());
