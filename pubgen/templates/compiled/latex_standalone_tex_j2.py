from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'latex-standalone.tex.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield from context.blocks['documentclass'][0](context)
    yield '\n'
    yield from context.blocks['packages'][0](context)
    yield '\n\\begin{document}\n'
    yield from context.blocks['heading'][0](context)
    yield '\n\n'
    yield from context.blocks['list'][0](context)
    yield '\n\\end{document}\n'

def block_documentclass(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '\\documentclass[11pt]{article}'

def block_packages(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n\\IfFileExists{lmodern.sty}{\\usepackage{lmodern}}{}\n\\usepackage[hidelinks]{hyperref}'

def block_heading(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '\\section*{Publications}'

def block_list(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('latex.tex.j2', 'latex-standalone.tex.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {'documentclass': block_documentclass, 'packages': block_packages, 'heading': block_heading, 'list': block_list}
debug_info = '3=11&4=13&11=15&13=17&3=20&4=30&11=40&13=50'
