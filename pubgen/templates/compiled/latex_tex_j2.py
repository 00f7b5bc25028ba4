from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'latex.tex.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_sup = l_0_venue = l_0_links = l_0_list = missing
    try:
        t_1 = environment.filters['url']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'url' found.")
    pass
    def macro(l_1_symbol):
        t_2 = []
        if l_1_symbol is missing:
            l_1_symbol = undefined("parameter 'symbol' was not provided", name='symbol')
        pass
        t_2.extend((
            '\\textsuperscript{',
            environment.finalize(l_1_symbol),
            '}',
        ))
        return concat(t_2)
    context.exported_vars.add('sup')
    context.vars['sup'] = l_0_sup = Macro(environment, macro, 'sup', ('symbol',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_pub):
        t_3 = []
        if l_1_pub is missing:
            l_1_pub = undefined("parameter 'pub' was not provided", name='pub')
        pass
        if environment.getattr(l_1_pub, 'venue'):
            pass
            if (environment.getattr(l_1_pub, 'type') in ('conference', 'journal', 'workshop')):
                pass
                t_3.append(
                    'In ',
                )
            t_3.extend((
                '\\emph{',
                environment.finalize(environment.getattr(l_1_pub, 'venue')),
                '}',
            ))
            if environment.getattr(l_1_pub, 'awards'):
                pass
                t_3.append(
                    ' (',
                )
                l_2_loop = missing
                for l_2_award, l_2_loop in LoopContext(environment.getattr(l_1_pub, 'awards'), undefined):
                    _loop_vars = {}
                    pass
                    t_3.extend((
                        '\\textbf{',
                        environment.finalize(l_2_award),
                        '}',
                    ))
                    if (not environment.getattr(l_2_loop, 'last')):
                        pass
                        t_3.append(
                            ', ',
                        )
                l_2_loop = l_2_award = missing
                t_3.append(
                    ')',
                )
            t_3.append(
                '.',
            )
        return concat(t_3)
    context.exported_vars.add('venue')
    context.vars['venue'] = l_0_venue = Macro(environment, macro, 'venue', ('pub',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_pub):
        t_4 = []
        if l_1_pub is missing:
            l_1_pub = undefined("parameter 'pub' was not provided", name='pub')
        pass
        for l_2_link in environment.getattr(l_1_pub, 'links'):
            _loop_vars = {}
            pass
            t_4.extend((
                ' \\href{',
                environment.finalize(t_1(environment.getattr(l_2_link, 'url'))),
                '}{',
                environment.finalize(environment.getattr(l_2_link, 'label')),
                '}',
            ))
        l_2_link = missing
        return concat(t_4)
    context.exported_vars.add('links')
    context.vars['links'] = l_0_links = Macro(environment, macro, 'links', ('pub',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_group):
        t_5 = []
        l_1_command = missing
        if l_1_group is missing:
            l_1_group = undefined("parameter 'group' was not provided", name='group')
        pass
        l_1_command = context.call(environment.getattr({1: 'section', 2: 'subsection', 3: 'subsubsection'}, 'get'), environment.getattr(l_1_group, 'level'), 'paragraph')
        if environment.getattr(l_1_group, 'heading'):
            pass
            t_5.extend((
                '\\',
                environment.finalize((undefined(name='command') if l_1_command is missing else l_1_command)),
                '*{',
                environment.finalize(environment.getattr(l_1_group, 'heading')),
                '}\n\n',
            ))
        if environment.getattr(l_1_group, 'publications'):
            pass
            t_5.append(
                '\\begin{itemize}\n',
            )
            l_2_loop = missing
            for l_2_pub, l_2_loop in LoopContext(environment.getattr(l_1_group, 'publications'), undefined):
                _loop_vars = {}
                pass
                gen = context.blocks['item'][0](context.derived({'loop': l_2_loop, 'pub': l_2_pub, 'command': l_1_command, 'group': l_1_group, 'links': l_0_links, 'list': l_0_list, 'sup': l_0_sup, 'venue': l_0_venue}))
                try:
                    for event in gen:
                        t_5.append(event)
                finally: gen.close()
                t_5.append(
                    '\n',
                )
            l_2_loop = l_2_pub = missing
            t_5.append(
                '\\end{itemize}\n\n',
            )
        for l_2_sub in environment.getattr(l_1_group, 'subgroups'):
            _loop_vars = {}
            pass
            t_5.append(
                environment.finalize(context.call((undefined(name='list') if l_0_list is missing else l_0_list), l_2_sub, _loop_vars=_loop_vars)),
            )
        l_2_sub = missing
        return concat(t_5)
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
    l_0_venue = resolve('venue')
    l_0_options = resolve('options')
    l_0_links = resolve('links')
    l_0_authors = missing
    try:
        t_6 = environment.filters['end_sentence']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'end_sentence' found.")
    try:
        t_7 = environment.filters['shown_authors']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'shown_authors' found.")
    pass
    l_0_authors = t_7((undefined(name='pub') if l_0_pub is missing else l_0_pub))
    _block_vars['authors'] = l_0_authors
    yield '\\item '
    l_1_loop = missing
    for l_1_a, l_1_loop in LoopContext((undefined(name='authors') if l_0_authors is missing else l_0_authors), undefined):
        _loop_vars = {}
        pass
        if (not environment.getattr(l_1_loop, 'first')):
            pass
            yield ', '
        if (not l_1_a):
            pass
            yield '\\ldots{}'
        elif environment.getattr(l_1_a, 'is_others'):
            pass
            yield 'et~al.'
        elif environment.getattr(l_1_a, 'is_owner'):
            pass
            yield '\\textbf{'
            yield environment.finalize(environment.getattr(l_1_a, 'short'))
            yield '}'
        else:
            pass
            yield environment.finalize(environment.getattr(l_1_a, 'short'))
        if l_1_a:
            pass
            for l_2_role in environment.getattr(l_1_a, 'roles'):
                l_2_sup = resolve('sup')
                l_2_markers = resolve('markers')
                _loop_vars = {}
                pass
                yield environment.finalize(context.call((undefined(name='sup') if l_2_sup is missing else l_2_sup), environment.getattr(environment.getitem((undefined(name='markers') if l_2_markers is missing else l_2_markers), l_2_role), 'symbol'), _loop_vars=_loop_vars))
            l_2_role = l_2_sup = l_2_markers = missing
    l_1_loop = l_1_a = missing
    if ((undefined(name='authors') if l_0_authors is missing else l_0_authors) and (not environment.getattr(environment.getitem((undefined(name='authors') if l_0_authors is missing else l_0_authors), -1), 'is_others'))):
        pass
        yield '.'
    yield ' '
    yield environment.finalize(t_6(environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'title')))
    if environment.getattr((undefined(name='pub') if l_0_pub is missing else l_0_pub), 'venue'):
        pass
        yield ' '
        yield environment.finalize(context.call((undefined(name='venue') if l_0_venue is missing else l_0_venue), (undefined(name='pub') if l_0_pub is missing else l_0_pub), _block_vars=_block_vars))
    if environment.getattr((undefined(name='options') if l_0_options is missing else l_0_options), 'show_links'):
        pass
        yield environment.finalize(context.call((undefined(name='links') if l_0_links is missing else l_0_links), (undefined(name='pub') if l_0_pub is missing else l_0_pub), _block_vars=_block_vars))

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
            yield environment.finalize(context.call((undefined(name='sup') if l_1_sup is missing else l_1_sup), environment.getattr(l_1_m, 'symbol'), _loop_vars=_loop_vars))
            yield ' '
            if environment.getattr(l_1_loop, 'first'):
                pass
                yield 'represents '
            yield environment.finalize(environment.getattr(l_1_m, 'label'))
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
        yield environment.finalize(context.call((undefined(name='list') if l_1_list is missing else l_1_list), l_1_group, _loop_vars=_loop_vars))
    l_1_group = l_1_list = missing

blocks = {'item': block_item, 'preamble': block_preamble, 'legend': block_legend, 'groups': block_groups}
debug_info = '7=18&9=31&10=36&11=38&12=45&13=48&18=77&19=82&24=96&25=102&26=103&29=112&31=118&32=123&49=133&52=143&59=144&65=145&32=147&33=172&34=179&35=182&36=185&37=188&38=195&40=196&42=206&43=215&52=219&59=229&60=238&61=242&65=258&66=267'
