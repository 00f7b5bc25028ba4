from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'html-standalone.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield from context.blocks['lang'][0](context)
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n<style>'
    yield from context.blocks['style'][0](context)
    yield '\n</style>\n</head>\n<body>\n<main>\n'
    yield from context.blocks['heading'][0](context)
    yield '\n'
    yield from context.blocks['list'][0](context)
    yield '\n</main>\n</body>\n</html>\n'

def block_lang(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'en'

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'Publications'

def block_style(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '\n:root { color-scheme: light dark; }\nbody { font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;\n  max-width: 48rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; overflow-wrap: anywhere; }\nh1 { font-size: 1.7rem; margin: 1rem 0; }\n.pubgen-heading { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .2rem;\n  border-bottom: 1px solid rgba(127, 127, 127, .4); }\n.pubgen-list { padding-left: 1.25rem; }\n.pubgen-item { margin: 0 0 .9rem; }\n.pubgen-venue { font-style: italic; }\n.pubgen-links { white-space: nowrap; font-size: .9em; }\n.pubgen-bibtex summary { cursor: pointer; font-size: .9em; }\n.pubgen-bibtex pre { white-space: pre-wrap; font-size: .8rem; padding: .5rem;\n  background: rgba(127, 127, 127, .12); border-radius: 4px; }\n@media print {\n  body { max-width: none; padding: 0; font-size: 10.5pt; color: #000; background: #fff; }\n  a { color: inherit; text-decoration: none; }\n  .pubgen-bibtex { display: none; }\n  .pubgen-item, .pubgen-heading { break-inside: avoid; }\n  .pubgen-heading { break-after: avoid; }\n}\n'

def block_heading(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '<h1>Publications</h1>'

def block_list(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('html.html.j2', 'html-standalone.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {'lang': block_lang, 'title': block_title, 'style': block_style, 'heading': block_heading, 'list': block_list}
debug_info = '5=12&10=14&12=16&38=18&39=20&5=23&10=33&12=43&38=53&39=63'
