-- tests/editors/nvim_lsp.lua: Neovim's built-in LSP client against
-- medlint --lsp (run by test_nvim.py as nvim --headless -u NONE -c
-- "luafile nvim_lsp.lua"; Neovim 0.7 has no -l).
--
-- Opens MEDLINT_ARTICLE, attaches `MEDLINT_BIN --lsp`, waits for the
-- diagnostics Neovim received, asks for hover on the citation-doi finding
-- and its quick fix, applies the fix as Neovim applies workspace edits,
-- writes the buffer and waits for the diagnostics that follow. Everything
-- Neovim saw goes to MEDLINT_OUT as JSON; the Python side judges it.
local out_path = os.getenv("MEDLINT_OUT")
local result = { steps = {} }

local function finish()
  local f = io.open(out_path, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

local function step(name)
  table.insert(result.steps, name)
end

local function snapshot(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, {
      code = d.code, source = d.source, severity = d.severity,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      message = d.message,
    })
  end
  return list
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("MEDLINT_ARTICLE")))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = "markdown"
  local id = vim.lsp.start_client({
    name = "medlint",
    cmd = { os.getenv("MEDLINT_BIN"), "--lsp", "--today", "2026-06-01" },
    root_dir = vim.fn.fnamemodify(os.getenv("MEDLINT_ARTICLE"), ":h"),
    init_options = { debounceMs = 50 },
  })
  if not id then error("start_client failed") end
  vim.lsp.buf_attach_client(buf, id)
  step("attached")
  if not vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    error("no diagnostics within 15 s")
  end
  local client = vim.lsp.get_client_by_id(id)
  result.offset_encoding = client.offset_encoding
  result.before = snapshot(buf)
  step("diagnostics")

  local doi
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == "citation-doi" then doi = d end
  end
  if not doi then error("no citation-doi diagnostic") end
  -- Neovim's own conversion back to LSP form (UTF-16 characters).
  local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(buf, doi.lnum)
  result.lsp_line_diagnostics = lsp_diags
  local line = vim.api.nvim_buf_get_lines(buf, doi.lnum, doi.lnum + 1, true)[1]
  -- str_utfindex gives (UTF-32, UTF-16) indexes of a byte column
  local _, u16 = vim.str_utfindex(line, doi.col)
  local pos = { line = doi.lnum, character = u16 }

  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(buf) }, position = pos }, 5000)
  for _, r in pairs(hover or {}) do
    if r.result then result.hover = r.result.contents.value end
  end
  step("hover")

  local actions = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = pos, ["end"] = pos },
    context = { diagnostics = lsp_diags },
  }, 5000)
  result.actions = {}
  for _, r in pairs(actions or {}) do
    for _, a in ipairs(r.result or {}) do
      table.insert(result.actions, { title = a.title, kind = a.kind })
      if a.kind == "quickfix" and not result.applied then
        vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding)
        result.applied = a.title
      end
    end
  end
  if not result.applied then error("no quick fix offered") end
  step("applied")
  result.fixed_line = vim.api.nvim_buf_get_lines(buf, doi.lnum, doi.lnum + 1, true)[1]
  vim.cmd("write")
  step("written")
  local gone = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == "citation-doi" then return false end
    end
    return true
  end, 20)
  result.after = snapshot(buf)
  result.fix_cleared = gone
  step("after")
end)
if not ok then result.error = tostring(err) end
finish()
