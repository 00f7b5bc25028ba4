from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'latex.tex.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_sup = l_0_list = missing
    pass
    def macro(l_1_symbol):
        t_1 = []
        if l_1_symbol is missing:
            l_1_symbol = undefined("parameter 'symbol' was not provided", name='symbol')
        pass
        t_1.extend((
            '\\textsuperscript{',
            (environment.finalize(l_1_symbol)),
            '}',
        ))
        return concat(t_1)
    context.exported_vars.add('sup')
    context.vars['sup'] = l_0_sup = Macro(environment, macro, 'sup', ('symbol',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_group):
        t_2 = []
        l_1_command = missing
        if l_1_group is missing:
            l_1_group = undefined("parameter 'group' was not provided", name='group')
        pass
        l_1_command = context.call(environment.getattr({1: 'section', 2: 'subsection', 3: 'subsubsection'}, 'get'), environment.getattr(l_1_group, 'level'), 'paragraph')
        if environment.getattr(l_1_group, 'heading'):
            pass
            t_2.extend((
                '\\',
                (environment.finalize((undefined(name='command') if l_1_command is missing else l_1_command))),
                '*{',
                (environment.finalize(environment.getattr(l_1_group, 'heading'))),
                '}\n\n',
            ))
        if environment.getattr(l_1_group, 'publications'):
            pass
            t_2.append(
                '\\begin{itemize}\n',
            )
            l_2_loop = missing
            for l_2_pub, l_2_loop in LoopContext(environment.getattr(l_1_group, 'publications'), undefined):
                _loop_vars = {}
                pass
                t_2.extend(environment.scoped_block(context.blocks['item'][0], context, 'item', {'loop': l_2_loop, 'pub': l_2_pub, 'command': l_1_command, 'group': l_1_group, 'list': l_0_list, 'sup': l_0_sup}))
                t_2.append(
                    '\n',
                )
            l_2_loop = l_2_pub = missing
            t_2.append(
                '\\end{itemize}\n\n',
            )
        for l_2_sub in environment.getattr(l_1_group, 'subgroups'):
            _loop_vars = {}
            pass
            t_2.append(
                (environment.finalize(context.call((undefined(name='list') if l_0_list is missing else l_0_list), l_2_sub, _loop_vars=_loop_vars))),
            )
        l_2_sub = missing
        return concat(t_2)
    context.exported_vars.add('list')
    context.vars['list'] = l_0_list = Macro(environment, macro, 'list', ('group',), False, False, False, context.eval_ctx.autoescape)
    yield from context.blocks['preamble'][0](context)
    yield from context.blocks['legend'][0](context)
    yield from context.blocks['groups'][0](context)

def block_item(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_pub = resolve('pub')
    l_0_options = resolve('options')
    l_0_authors = missing
    try:
        t_3 = environment.filters['end_sentence']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'end_sentence' found.")
    try:
        t_4 = environment.filters['separated']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'separated' found.")
    try:
        t_5 = environment.filters['shown_authors']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'shown_authors' found.")
    try:
        t_6 = environment.filters['url']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'url' found.")
    pass
    l_0_authors = t_5((undefined(name='pub') if l_0_pub is missing else l_0_pub))
    _block_vars['authors'] = l_0_authors
    yield '\\item '
    for (l_1_separator, l_1_a) in t_4((undefined(name='authors') if l_0_authors is missing else l_0_authors), ', '):
        _loop_vars = {}
        pass
        yield (environment.finalize(l_1_separator))
        if (not l_1_a):
            pass
            yield '\\ldots{}'
        elif environment.getattr(l_1_a, 'is_others'):
            pass
            yield 'et~al.'
        elif environment.getattr(l_1_a, 'is_owner'):
            pass
            yield '\\textbf{'
            yield (environment.finalize(environment.getattr(l_1_a, 'short')))
            yield '}'
        else:
            pass
            yield (environment.finalize(environment.getattr(l_1_a, 'short')))
        if l_1_a:
            pass
            for l_2_role in environment.getattr(l_1_a, 'roles'):
                l_2_sup = resolve('sup')
                l_2_markers = resolve('markers')
                _loop_vars = {}
                pass
                yield (environment.finalize(context.call((undefined(name='sup') if l_2_sup is missing else l_2_sup), environment.getattr(environment.getitem((undefined(name='markers') if l_2_markers is missing else l_2_markers), l_2_role), 'symbol'), _loop_vars=_loop_vars)))
            l_2_role = l_2_sup = l_2_markers = missing
    l_1_separator = l_1_a = missing
    if ((undefined(name='authors') if l_0_authors is missing else l_0_authors) and (not environment.getattr(environment.getitem((undefined(name='authors') if l_0_authors is missing else l_0_authors), -1), 'is_others'))):
        pass
        yield '.'
    yield ' '
    yield (environment.finalize(t_3(environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'title'))))
    if environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'venue'):
        pass
        yield ' '
        if (environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'type') in ('conference', 'journal', 'workshop')):
            pass
            yield 'In '
        yield '\\emph{'
        yield (environment.finalize(environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'venue')))
        yield '}'
        if environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'awards'):
            pass
            yield ' ('
            l_1_loop = missing
            for l_1_award, l_1_loop in LoopContext(environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'awards'), undefined):
                _loop_vars = {}
                pass
                yield '\\textbf{'
                yield (environment.finalize(l_1_award))
                yield '}'
                if (not environment.getattr(l_1_loop, 'last')):
                    pass
                    yield ', '
            l_1_loop = l_1_award = missing
            yield ')'
        yield '.'
    if environment.getattr((undefined(name='options') if l_0_options is missing else l_0_options), 'show_links'):
        pass
        for l_1_link in environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'links'):
            _loop_vars = {}
            pass
            yield ' \\href{'
            yield (environment.finalize(t_6(environment.getattr(l_1_link, 'url'))))
            yield '}{'
            yield (environment.finalize(environment.getattr(l_1_link, 'label')))
            yield '}'
        l_1_link = missing

def block_preamble(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '% Written by pubgen from refs.bib and overrides.yaml: edit those, not this file.\n% \\pubgenchar{HEX}{c}: a character pdflatex has no glyph for (CJK, emoji, ...).\n\\providecommand{\\pubgenchar}[2]{\\ifdefined\\XeTeXrevision#2\\else\\ifdefined\\directlua#2\\else[U+#1]\\fi\\fi}\n\\providecommand{\\href}[2]{#2}\n\n'

def block_legend(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_legend = resolve('legend')
    pass
    if (undefined(name='legend') if l_0_legend is missing else l_0_legend):
        pass
        yield 'The '
        l_1_loop = missing
        for l_1_m, l_1_loop in LoopContext((undefined(name='legend') if l_0_legend is missing else l_0_legend), undefined):
            l_1_sup = resolve('sup')
            _loop_vars = {}
            pass
            yield (environment.finalize(context.call((undefined(name='sup') if l_1_sup is missing else l_1_sup), environment.getattr(l_1_m, 'symbol'), _loop_vars=_loop_vars)))
            yield ' '
            if environment.getattr(l_1_loop, 'first'):
                pass
                yield 'represents '
            yield (environment.finalize(environment.getattr(l_1_m, 'label')))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_m = l_1_sup = missing
        yield '.\n\n'

def block_groups(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_groups = resolve('groups')
    pass
    for l_1_group in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        l_1_list = resolve('list')
        _loop_vars = {}
        pass
        yield (environment.finalize(context.call((undefined(name='list') if l_1_list is missing else l_1_list), l_1_group, _loop_vars=_loop_vars)))
    l_1_group = l_1_list = missing

blocks = {'item': block_item, 'preamble': block_preamble, 'legend': block_legend, 'groups': block_groups}
debug_info = '7=12&12=25&13=31&14=32&17=41&19=47&20=50&41=58&44=68&51=69&57=70&20=72&21=107&22=113&23=114&24=117&25=120&26=127&28=128&30=138&31=143&32=150&33=152&35=168&44=180&51=190&52=199&53=203&57=219&58=228'
